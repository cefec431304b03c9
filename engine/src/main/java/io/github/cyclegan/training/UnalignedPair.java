package io.github.cyclegan.training;

/**
 * One item of the unaligned dataset: the dataset index the loader asked for and the A and B items
 * it maps to.
 */
public record UnalignedPair(int index, int a, int b) {
}
