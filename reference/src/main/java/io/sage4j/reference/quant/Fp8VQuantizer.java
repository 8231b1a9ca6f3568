package io.sage4j.reference.quant;

import io.sage4j.reference.format.E4M3;

/**
 * V to FP8 E4M3 with one scale per channel (SageAttention2, specs/algorithms.md §2.3), in IEEE binary32.
 * Per head and channel c, in this order:
 * <pre>
 *   v'    = v − vm[c]                      (only with smoothing; vm = Smoothing.channelMeans)
 *   amax  = max over tokens of |v'|        (NaN ignored)
 *   scale = amax / 448                     (stored)
 *   q     = E4M3_satfinite(v' · (448 / amax)), or v' · 0 when amax = 0
 * </pre>
 * Upstream divides by zero for an all-zero channel (0·inf = NaN); here an all-zero channel gets scale 0
 * and codes ±0. Upstream's smoothing mean divides by the count padded to 16; here by the true count.
 */
public final class Fp8VQuantizer {
    private Fp8VQuantizer() {}

    /**
     * Quantizes v {@code [heads][tokens][dim]}.
     *
     * @param padTo  the stored token count is rounded up to a multiple of this (e.g. 64 or 128)
     * @param smooth subtract the per-channel mean first (it is returned in the tensor)
     */
    public static Fp8VTensor quantize(float[] v, int heads, int tokens, int dim, int padTo, boolean smooth) {
        Shapes.requirePositive("heads", heads);
        Shapes.requirePositive("tokens", tokens);
        Shapes.requirePositive("dim", dim);
        Shapes.requirePositive("padTo", padTo);
        Shapes.requireLength("v", v, (long) heads * tokens * dim, "[" + heads + "][" + tokens + "][" + dim + "]");
        float[] means = smooth ? Smoothing.channelMeans(v, heads, tokens, dim) : null;
        float[] centred = smooth ? Smoothing.subtractChannelMeans(v, heads, tokens, dim, means) : v;
        int padded = (tokens + padTo - 1) / padTo * padTo;
        byte[] codes = new byte[heads * dim * padded];
        float[] scales = new float[heads * dim];
        for (int h = 0; h < heads; h++) {
            for (int c = 0; c < dim; c++) {
                int first = h * tokens * dim + c;
                float amax = BlockMax.absMaxStrided(centred, first, dim, tokens);
                scales[h * dim + c] = amax / E4M3.MAX;
                float multiplier = amax == 0f ? 0f : E4M3.MAX / amax;
                int out = (h * dim + c) * padded;
                for (int t = 0; t < tokens; t++) {
                    codes[out + t] = (byte) E4M3.encodeSatfinite(centred[first + t * dim] * multiplier);
                }
            }
        }
        return new Fp8VTensor(heads, tokens, dim, padded, codes, scales, means);
    }
}
