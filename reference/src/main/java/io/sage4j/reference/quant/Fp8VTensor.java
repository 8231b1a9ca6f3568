package io.sage4j.reference.quant;

import io.sage4j.reference.format.E4M3;

/**
 * V quantized to FP8 E4M3 per channel, stored transposed and padded as the PV product reads it:
 * codes {@code [heads][dim][paddedTokens]} (padding tokens hold code 0x00), one float scale per channel
 * ({@code [heads][dim]}), and the channel means that were subtracted ({@code [heads][dim]}, or null).
 *
 * <p>Value of token t, channel c of head h: {@code e4m3(codes[h][c][t]) · scales[h][c]} (+ {@code means[h][c]}).
 */
public record Fp8VTensor(int heads, int tokens, int dim, int paddedTokens, byte[] codes, float[] scales,
                         float[] means) {
    /** Code of token t, channel c of head h. */
    public int code(int head, int token, int channel) {
        return codes[(head * dim + channel) * paddedTokens + token] & 0xFF;
    }

    /** Dequantized values in the input's layout {@code [heads][tokens][dim]}, means added back if present. */
    public float[] dequantize() {
        float[] out = new float[heads * tokens * dim];
        for (int h = 0; h < heads; h++) {
            for (int c = 0; c < dim; c++) {
                float s = scales[h * dim + c];
                float m = means == null ? 0f : means[h * dim + c];
                for (int t = 0; t < tokens; t++) {
                    out[(h * tokens + t) * dim + c] = E4M3.decode(code(h, t, c)) * s + m;
                }
            }
        }
        return out;
    }
}
