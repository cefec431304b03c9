package io.github.cyclegan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.List;

/**
 * PyTorch's ConvTranspose2d (square kernel, stride, padding, output_padding). The stored weight keeps
 * PyTorch's [in, out, k, k] layout so that checkpoints interchange unchanged.
 *
 * <p>DJL's PyTorch engine has no transposed convolution, so the forward pass uses the sub-pixel form:
 * output pixel {@code o = s*q + r} only receives kernel taps {@code t} with {@code t = r + p - s*d}, reading
 * input pixel {@code q + d}. One ordinary convolution whose {@code s*s*out} output channels hold every phase
 * {@code r}, followed by a pixel shuffle, computes all phases without multiplying inserted zeros. Its kernel is
 * gathered from the stored weight inside the forward pass, so gradients reach the stored weight directly.
 */
public final class ConvTranspose2dLayer extends AbstractBlock implements StateDictModule {

    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int outputPadding;
    private final Parameter weight;
    private final Parameter bias;

    /** Offset of the first input pixel a phase reads, relative to q; the sub-pixel kernel spans {@link #window}. */
    private final int minOffset;
    private final int window;
    /** taps[r][j]: the kernel tap phase r applies at window position j, or -1 where that phase reads nothing. */
    private final int[][] taps;
    private final int padBefore;
    private final int padAfter;
    /** Phase rows computed beyond the true output size, cut off after the shuffle. */
    private final int excess;

    public ConvTranspose2dLayer(int inChannels, int outChannels, int kernel, int stride, int padding,
            int outputPadding, boolean withBias) {
        if (kernel <= 0 || stride <= 0 || padding < 0 || outputPadding < 0) {
            throw new IllegalArgumentException("Invalid ConvTranspose2d geometry k" + kernel + " s" + stride + " p"
                    + padding + " op" + outputPadding);
        }
        if (outputPadding >= stride) {
            throw new IllegalArgumentException("output_padding must be smaller than stride, as PyTorch requires");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
        weight = addParameter(Params.trainable("weight", Parameter.Type.WEIGHT,
                new Shape(inChannels, outChannels, kernel, kernel), Initializer.ZEROS));
        bias = withBias
                ? addParameter(Params.trainable("bias", Parameter.Type.BIAS, new Shape(outChannels), Initializer.ZEROS))
                : null;

        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int r = 0; r < stride; r++) {
            for (int t = 0; t < kernel; t++) {
                if (Math.floorMod(r + padding - t, stride) == 0) {
                    int d = Math.floorDiv(r + padding - t, stride);
                    lo = Math.min(lo, d);
                    hi = Math.max(hi, d);
                }
            }
        }
        minOffset = lo;
        window = hi - lo + 1;
        taps = new int[stride][window];
        for (int r = 0; r < stride; r++) {
            for (int j = 0; j < window; j++) {
                int t = r + padding - stride * (j + minOffset);
                taps[r][j] = t >= 0 && t < kernel ? t : -1;
            }
        }
        // Output size (H-1)s + c with c = k + op - 2p needs ceil(c/s) - 1 phase rows beyond the H input rows.
        int extent = kernel + outputPadding - 2 * padding;
        int phaseRowsMinusInput = Math.floorDiv(extent + stride - 1, stride) - 1;
        padBefore = -minOffset;
        padAfter = phaseRowsMinusInput - 1 - padBefore + window;
        excess = stride * Math.floorDiv(extent + stride - 1, stride) - extent;
        if (padBefore < 0 || padAfter < 0) {
            throw new IllegalArgumentException("ConvTranspose2d geometry k" + kernel + " s" + stride + " p" + padding
                    + " op" + outputPadding + " is not supported");
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        long n = x.getShape().get(0);
        long outH = outSize(x.getShape().get(2));
        long outW = outSize(x.getShape().get(3));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray input = x;
            Shape convPadding = new Shape(0, 0);
            if (padBefore == padAfter) {
                convPadding = new Shape(padBefore, padBefore);
            } else {
                input = x.pad(new Shape(padBefore, padAfter, padBefore, padAfter), 0);
            }
            NDArray phases = Conv2d.conv2d(input, subPixelKernel(x, w), null, new Shape(1, 1), convPadding,
                            new Shape(1, 1), 1)
                    .singletonOrThrow();
            long rows = phases.getShape().get(2);
            long cols = phases.getShape().get(3);
            NDArray out = phases.reshape(n, stride, stride, outChannels, rows, cols)
                    .transpose(0, 3, 4, 1, 5, 2)
                    .reshape(n, outChannels, rows * stride, cols * stride);
            if (excess > 0) {
                out = out.get(new NDIndex(":, :, :" + outH + ", :" + outW));
            }
            if (bias != null) {
                out = out.add(store.getValue(bias, x.getDevice(), training).reshape(1, outChannels, 1, 1));
            }
            NDScope.unregister(out);
            return new NDList(out);
        }
    }

    /** Gathers the [s*s*out, in, window, window] kernel of the phase convolution from the stored weight. */
    private NDArray subPixelKernel(NDArray x, NDArray w) {
        NDArray zero = x.getManager().zeros(new Shape(inChannels, outChannels), w.getDataType());
        NDList pieces = new NDList(stride * stride * window * window);
        for (int rh = 0; rh < stride; rh++) {
            for (int rw = 0; rw < stride; rw++) {
                for (int jh = 0; jh < window; jh++) {
                    for (int jw = 0; jw < window; jw++) {
                        int th = taps[rh][jh];
                        int tw = taps[rw][jw];
                        pieces.add(th < 0 || tw < 0 ? zero : w.get(new NDIndex(":, :, " + th + ", " + tw)));
                    }
                }
            }
        }
        return NDArrays.stack(pieces, 0)
                .reshape(stride, stride, window, window, inChannels, outChannels)
                .transpose(0, 1, 5, 4, 2, 3)
                .reshape((long) stride * stride * outChannels, inChannels, window, window);
    }

    private long outSize(long size) {
        return (size - 1) * stride - 2L * padding + kernel + outputPadding;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outChannels, outSize(in.get(2)), outSize(in.get(3)))};
    }

    @Override
    public void collectStateDict(String prefix, List<StateDictEntry> out) {
        StateDictEntry.addWeightAndBias(prefix, weight, bias, out);
    }

    @Override
    public String toString() {
        return "ConvTranspose2d(" + inChannels + ", " + outChannels + ", k" + kernel + ", s" + stride + ", p" + padding
                + ", op" + outputPadding + (bias == null ? ", no bias)" : ")");
    }
}
