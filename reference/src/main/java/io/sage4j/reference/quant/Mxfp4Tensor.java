package io.sage4j.reference.quant;

import io.sage4j.reference.format.E2M1;
import io.sage4j.reference.format.UE8M0;

/**
 * An MXFP4 matrix {@code [rows][cols]}: E2M1 codes packed two per byte (row-major, element 2i in the low
 * nibble) and one UE8M0 scale byte per 32 consecutive elements of a row ({@code rows·cols/32} bytes).
 * Value of element (r, c): {@code e2m1(code) · 2^(scale[r][c/32] − 127)}; a NaN scale (0xFF) makes the
 * whole block NaN.
 */
public record Mxfp4Tensor(int rows, int cols, byte[] codes, byte[] scales) {
    /** Elements per scale. */
    public static final int BLOCK = 32;

    /** E2M1 code of element (row, col). */
    public int code(int row, int col) {
        return E2M1.unpack(codes, row * cols + col);
    }

    /** UE8M0 scale byte of the block holding (row, col). */
    public int scale(int row, int col) {
        return scales[(row * cols + col) / BLOCK] & 0xFF;
    }

    /** Dequantized values, row-major (exact: a power of two times an E2M1 value). */
    public float[] dequantize() {
        float[] out = new float[rows * cols];
        for (int i = 0; i < out.length; i++) {
            out[i] = E2M1.decode(E2M1.unpack(codes, i)) * UE8M0.decode(scales[i / BLOCK]);
        }
        return out;
    }
}
