package io.github.cyclegan.weights;

import java.nio.ByteBuffer;

/**
 * Element types a weight file may hold. Every one is read into float32, the only type the
 * networks use; integer types exist because BatchNorm's {@code num_batches_tracked} is int64.
 */
public enum TensorDType {
    F32(4),
    F64(8),
    F16(2),
    BF16(2),
    I64(8),
    I32(4);

    private final int byteSize;

    TensorDType(int byteSize) {
        this.byteSize = byteSize;
    }

    public int byteSize() {
        return byteSize;
    }

    /**
     * Reads the element at {@code byteOffset} of a little-endian buffer as float32.
     *
     * @throws ArithmeticException for an integer float32 cannot hold exactly, because silently
     *     rounding a counter would corrupt it
     */
    public float read(ByteBuffer littleEndian, int byteOffset) {
        return switch (this) {
            case F32 -> littleEndian.getFloat(byteOffset);
            case F64 -> (float) littleEndian.getDouble(byteOffset);
            case F16 -> halfToFloat(littleEndian.getShort(byteOffset));
            case BF16 -> Float.intBitsToFloat((littleEndian.getShort(byteOffset) & 0xffff) << 16);
            case I64 -> exactFloat(littleEndian.getLong(byteOffset));
            case I32 -> exactFloat(littleEndian.getInt(byteOffset));
        };
    }

    private static float exactFloat(long value) {
        float f = value;
        if ((long) f != value) {
            throw new ArithmeticException("integer " + value + " has no exact float32 value");
        }
        return f;
    }

    // Java 17 has no Float.float16ToFloat (added in 20).
    static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // Subnormal halves are mantissa * 2^-24, all exact in float32.
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
