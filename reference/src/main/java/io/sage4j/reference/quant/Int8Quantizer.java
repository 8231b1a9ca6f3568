package io.sage4j.reference.quant;

import io.sage4j.reference.format.Int8;

/**
 * The INT8 quantizer of SageAttention2's CUDA path ({@code QuantInt8Kernel}, specs/algorithms.md §2.2.2)
 * in IEEE binary32, for every token grouping. Per head and token group G, in this order:
 * <pre>
 *   x'    = x − mean[c]                     (float subtraction; only when smoothing, e.g. K)
 *   amax  = max(1e-7, max over G of |x'|)   (NaN ignored)
 *   scale = amax / 127                      (stored)
 *   q     = INT8_rne_sat(x' · (127 / amax)) (127/amax computed once per group)
 * </pre>
 * The 1e-7 floor keeps an all-zero group finite: scale 1e-7/127, codes 0. An infinite element gives an
 * infinite scale and multiplier 0, so finite elements quantize to 0 and the infinite one to NaN → 0.
 */
public final class Int8Quantizer {
    /** The floor of a group's amax (upstream's constant). */
    public static final float AMAX_FLOOR = 1e-7f;

    private Int8Quantizer() {}

    /**
     * Quantizes {@code x} of layout {@code [heads][tokens][dim]}.
     *
     * @param means per-channel values to subtract first, {@code [heads][dim]} (e.g. from
     *              {@link Smoothing#channelMeans}), or null for none
     */
    public static Int8Tensor quantize(float[] x, int heads, int tokens, int dim, TokenGrouping grouping,
                                      float[] means) {
        Shapes.requirePositive("heads", heads);
        Shapes.requirePositive("tokens", tokens);
        Shapes.requirePositive("dim", dim);
        Shapes.requireLength("x", x, (long) heads * tokens * dim, "[" + heads + "][" + tokens + "][" + dim + "]");
        if (means != null) {
            Shapes.requireLength("means", means, (long) heads * dim, "[" + heads + "][" + dim + "]");
        }
        if (grouping == null) {
            throw new IllegalArgumentException("grouping must not be null");
        }
        float[] smoothed = means == null ? x : Smoothing.subtractChannelMeans(x, heads, tokens, dim, means);
        int groups = grouping.groupCount(tokens);
        float[] amax = new float[heads * groups];
        for (int h = 0; h < heads; h++) {
            for (int t = 0; t < tokens; t++) {
                int g = h * groups + grouping.groupOf(t);
                amax[g] = Math.max(amax[g], BlockMax.absMax(smoothed, (h * tokens + t) * dim, dim));
            }
        }
        float[] scales = new float[amax.length];
        float[] multipliers = new float[amax.length];
        for (int g = 0; g < amax.length; g++) {
            float a = Math.max(AMAX_FLOOR, amax[g]);
            scales[g] = a / 127.0f;
            multipliers[g] = 127.0f / a;
        }
        byte[] codes = new byte[x.length];
        for (int h = 0; h < heads; h++) {
            for (int t = 0; t < tokens; t++) {
                float m = multipliers[h * groups + grouping.groupOf(t)];
                int row = (h * tokens + t) * dim;
                for (int c = 0; c < dim; c++) {
                    codes[row + c] = (byte) Int8.encodeRne(smoothed[row + c] * m);
                }
            }
        }
        return new Int8Tensor(heads, tokens, dim, grouping, codes, scales, means == null ? null : means.clone());
    }
}
