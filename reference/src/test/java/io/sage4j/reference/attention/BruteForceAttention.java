package io.sage4j.reference.attention;

/**
 * An independent textbook formula of attention for tiny shapes, written from the definitions and sharing
 * no code with the package: it reads the layouts with its own index formulas, builds the visibility of each
 * score from the causal rule and the mask arrays directly, and normalises without a max shift
 * (p_ij = e^{s_ij} / Σ_j e^{s_ij}; fine in float64 for the small scores of the tests).
 */
final class BruteForceAttention {
    /** Output in the given layout, and the natural-log LSE [B][Hq][Nq]. */
    record Result(double[] output, double[] lse) {}

    private BruteForceAttention() {}

    /**
     * @param keep      boolean mask, full [B][Hq][Nq][Nk] or broadcast [Nq][Nk] (by length), or null
     * @param bias      additive mask, full or broadcast (by length), or null
     * @param causal    0 none, 1 top-left (j ≤ i), 2 bottom-right (j ≤ i + Nk − Nq)
     */
    static Result attention(float[] q, float[] k, float[] v, int batch, int hq, int hkv, int nq, int nk, int dim,
                            boolean nhd, double scale, int causal, boolean[] keep, float[] bias) {
        double[] out = new double[batch * hq * nq * dim];
        double[] lse = new double[batch * hq * nq];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < hq; h++) {
                int g = h / (hq / hkv);
                for (int i = 0; i < nq; i++) {
                    double[] e = new double[nk];
                    double z = 0;
                    for (int j = 0; j < nk; j++) {
                        boolean visible = causal == 0 || (causal == 1 ? j <= i : j <= i + nk - nq);
                        int full = ((b * hq + h) * nq + i) * nk + j;
                        int small = i * nk + j;
                        if (keep != null) {
                            visible &= keep[keep.length == nq * nk ? small : full];
                        }
                        double add = bias == null ? 0 : bias[bias.length == nq * nk ? small : full];
                        if (!visible || add == Double.NEGATIVE_INFINITY) {
                            continue;
                        }
                        double dot = 0;
                        for (int c = 0; c < dim; c++) {
                            dot += (double) q[at(nhd, b, h, i, c, hq, nq, dim)] * k[at(nhd, b, g, j, c, hkv, nk, dim)];
                        }
                        e[j] = Math.exp(scale * dot + add);
                        z += e[j];
                    }
                    lse[(b * hq + h) * nq + i] = Math.log(z);  // log 0 = −∞ for a fully masked row
                    for (int c = 0; c < dim; c++) {
                        double o = 0;
                        for (int j = 0; j < nk; j++) {
                            if (e[j] != 0) {
                                o += e[j] / z * v[at(nhd, b, g, j, c, hkv, nk, dim)];
                            }
                        }
                        out[at(nhd, b, h, i, c, hq, nq, dim)] = o;
                    }
                }
            }
        }
        return new Result(out, lse);
    }

    private static int at(boolean nhd, int b, int h, int n, int c, int heads, int tokens, int dim) {
        return nhd ? ((b * tokens + n) * heads + h) * dim + c : ((b * heads + h) * tokens + n) * dim + c;
    }
}
