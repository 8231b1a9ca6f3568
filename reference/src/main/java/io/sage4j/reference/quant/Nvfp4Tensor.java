package io.sage4j.reference.quant;

import io.sage4j.reference.format.E2M1;
import io.sage4j.reference.format.UE4M3;

/**
 * An NVFP4 matrix {@code [rows][cols]}: E2M1 codes packed two per byte ({@code rows·cols/2} bytes, row-major,
 * element 2i in the low nibble) and one UE4M3 scale byte per 16 consecutive elements of a row
 * ({@code rows·cols/16} bytes, row-major), times one FP32 tensor scale (1 for single-level variants).
 *
 * <p>Value of element (r, c): {@code e2m1(code) · ue4m3(scale[r][c/16]) · tensorScale}.
 */
public record Nvfp4Tensor(int rows, int cols, byte[] codes, byte[] scales, float tensorScale) {
    /** Elements per scale. */
    public static final int BLOCK = 16;

    /** E2M1 code of element (row, col). */
    public int code(int row, int col) {
        return E2M1.unpack(codes, row * cols + col);
    }

    /** UE4M3 scale byte of the block holding (row, col). */
    public int scale(int row, int col) {
        return scales[(row * cols + col) / BLOCK] & 0xFF;
    }

    /** Dequantized values, row-major. The product is exact in float32 when tensorScale is 1. */
    public float[] dequantize() {
        float[] out = new float[rows * cols];
        for (int i = 0; i < out.length; i++) {
            float blockScale = UE4M3.decode(scales[i / BLOCK]);
            out[i] = E2M1.decode(E2M1.unpack(codes, i)) * blockScale * tensorScale;
        }
        return out;
    }
}
