package io.github.cyclegan.messaging.options;

/** Generator architectures of the reference's {@code --netG} option. */
public enum GeneratorArchitecture implements OptionName {
    // The ResNets' residual blocks reflection-pad by 1, which needs 2+ pixels after the two downsamplings.
    RESNET_9BLOCKS("resnet_9blocks", 4, 8),
    RESNET_6BLOCKS("resnet_6blocks", 4, 8),
    UNET_256("unet_256", 256, 256),
    UNET_128("unet_128", 128, 128);

    private final String optionName;
    private final int sizeMultiple;
    private final int minimumSize;

    GeneratorArchitecture(String optionName, int sizeMultiple, int minimumSize) {
        this.optionName = optionName;
        this.sizeMultiple = sizeMultiple;
        this.minimumSize = minimumSize;
    }

    @Override
    public String optionName() {
        return optionName;
    }

    /**
     * What H and W must be multiples of for the output to have the input's size: 2^(stride-2 levels), i.e. 4 for
     * the ResNets and 2^downs for the U-Nets.
     */
    public int sizeMultiple() {
        return sizeMultiple;
    }

    /** The smallest H and W the network runs on (a multiple of {@link #sizeMultiple()}). */
    public int minimumSize() {
        return minimumSize;
    }

    /** Whether the network runs on {@code size} x {@code size} images. */
    public boolean runsOn(int size) {
        return size >= minimumSize && size % sizeMultiple == 0;
    }
}
