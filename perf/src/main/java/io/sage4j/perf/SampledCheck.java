package io.sage4j.perf;

import java.util.SplittableRandom;

/**
 * The benchmarks' guard: 8 seeded query rows (first and last row of the first and last head, 4 random) of a timed
 * output against float64 attention computed here for just those rows. Exact results must agree to 1e-4 of the
 * row's scale, and every result must keep the 8 rows' joint cosine similarity ≥ 0.95 (on these Gaussian inputs
 * SageAttention2 measures ≈ 0.999, SageAttention3 0.978 at D = 64) — loose enough for every algorithm, tight enough
 * that a kernel computing the wrong thing (cosine ≈ 0) cannot be timed.
 */
final class SampledCheck {
    private SampledCheck() {}

    static void require(float[] q, float[] k, float[] v, int heads, int tokens, int dim, boolean causal, float[] out,
                        boolean exact, String what) {
        SplittableRandom pick = new SplittableRandom(99);
        int[][] rows = {{0, 0}, {0, tokens - 1}, {heads - 1, 0}, {heads - 1, tokens - 1},
            {pick.nextInt(heads), pick.nextInt(tokens)}, {pick.nextInt(heads), pick.nextInt(tokens)},
            {pick.nextInt(heads), pick.nextInt(tokens)}, {pick.nextInt(heads), pick.nextInt(tokens)}};
        double scale = (float) (1 / Math.sqrt(dim));  // the float scale every implementation uses
        double dot = 0;
        double ww = 0;
        double gg = 0;
        for (int[] hr : rows) {
            int h = hr[0];
            int i = hr[1];
            double[] want = row(q, k, v, h, i, tokens, dim, causal, scale);
            int at = (h * tokens + i) * dim;
            double maxDiff = 0;
            double maxRef = 0;
            for (int c = 0; c < dim; c++) {
                double g = out[at + c];
                dot += want[c] * g;
                ww += want[c] * want[c];
                gg += g * g;
                maxDiff = Math.max(maxDiff, Math.abs(g - want[c]));
                maxRef = Math.max(maxRef, Math.abs(want[c]));
            }
            if (exact && maxDiff > 1e-4 * Math.max(maxRef, 1e-3)) {
                throw new IllegalStateException(what + ": row " + i + " of head " + h + " is wrong (max difference "
                        + maxDiff + " at scale " + maxRef + ")");
            }
        }
        double cos = dot / Math.sqrt(ww * gg);
        if (!(cos >= 0.95)) {
            throw new IllegalStateException(what + ": the sampled rows are wrong (cosine " + cos + ")");
        }
    }

    private static double[] row(float[] q, float[] k, float[] v, int h, int i, int tokens, int dim, boolean causal,
                                double scale) {
        int base = h * tokens * dim;
        int keys = causal ? i + 1 : tokens;
        double[] s = new double[keys];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < keys; j++) {
            double dot = 0;
            for (int c = 0; c < dim; c++) {
                dot += (double) q[base + i * dim + c] * k[base + j * dim + c];
            }
            s[j] = dot * scale;
            max = Math.max(max, s[j]);
        }
        double sum = 0;
        for (int j = 0; j < keys; j++) {
            s[j] = Math.exp(s[j] - max);
            sum += s[j];
        }
        double[] o = new double[dim];
        for (int j = 0; j < keys; j++) {
            for (int c = 0; c < dim; c++) {
                o[c] += s[j] / sum * v[base + j * dim + c];
            }
        }
        return o;
    }
}
