/**
 * CycleGAN networks (junyanz/pytorch-CycleGAN-and-pix2pix) as DJL blocks whose parameters carry the reference's
 * state-dict names and shapes, so that weights move between the two unchanged.
 *
 * <p>Build with {@link io.github.cyclegan.model.Networks} from a {@link io.github.cyclegan.model.GeneratorSpec} or
 * {@link io.github.cyclegan.model.DiscriminatorSpec}. Where the reference has quirks they are kept: convolutions
 * have biases only with instance norm (not with "none"), {@code basic} ignores the layer count, kaiming ignores the
 * gain, and the U-Net skip connection carries the input after the in-place LeakyReLU. Initial weights come from a
 * seeded Java generator, so they are reproducible but not the values PyTorch's generator would draw.
 */
package io.github.cyclegan.model;
