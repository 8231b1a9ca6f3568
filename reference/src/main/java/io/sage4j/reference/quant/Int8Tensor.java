package io.sage4j.reference.quant;

/**
 * INT8 codes of {@code heads} heads of {@code [tokens][dim]} (layout {@code [heads][tokens][dim]}, as the
 * input), one float scale per token group per head ({@code [heads][grouping.groupCount(tokens)]}), and the
 * per-channel means that were subtracted before quantizing ({@code [heads][dim]}, or null).
 *
 * <p>Value of element (h, t, c): {@code codes · scales[h][group(t)]}, plus {@code means[h][c]} if present.
 */
public record Int8Tensor(int heads, int tokens, int dim, TokenGrouping grouping, byte[] codes, float[] scales,
                         float[] means) {
    /** Scale of a token of a head. */
    public float scale(int head, int token) {
        return scales[head * grouping.groupCount(tokens) + grouping.groupOf(token)];
    }

    /** Dequantized values of the smoothed input ({@code codes · scale}, means not added back). */
    public float[] dequantizeSmoothed() {
        float[] out = new float[codes.length];
        for (int h = 0; h < heads; h++) {
            for (int t = 0; t < tokens; t++) {
                float s = scale(h, t);
                int row = (h * tokens + t) * dim;
                for (int c = 0; c < dim; c++) {
                    out[row + c] = codes[row + c] * s;
                }
            }
        }
        return out;
    }
}
