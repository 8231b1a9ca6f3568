package io.sage4j.reference.attention;

/**
 * Attention computed in float64 from float32 inputs: the yardstick every quantized algorithm is measured
 * against (DESIGN.md, verification ladder step 3).
 * <pre>
 *   s_ij   = smScale · Σ_c q_ic·k_jc + bias_ij          (products and sums in float64; smScale the float scale)
 *   lse_i  = m_i + ln Σ_j exp(s_ij − m_i),  m_i = max_j s_ij   (natural log)
 *   o_i    = Σ_j exp(s_ij − lse_i) · v_j
 * </pre>
 * over the keys j that are visible to query i (causal rule, user mask); query head h reads key/value head
 * {@code h / (Hq/Hkv)}. <b>Fully masked rows</b> (no visible key: every key masked, or a bottom-right causal
 * row with none at or before its diagonal) are defined as output 0 and LSE −∞ — the limit of an
 * empty softmax, and what FlashAttention-style kernels produce with their {@code sum == 0 → 0} guard.
 */
public final class ExactAttention implements AttentionAlgorithm {

    @Override
    public AttentionResult compute(AttentionInputs inputs) {
        return computeExact(inputs).toFloat(inputs.options().returnLse());
    }

    /** The float64 output and LSE. */
    public ExactResult computeExact(AttentionInputs inputs) {
        AttentionShape shape = inputs.shape();
        int dim = shape.headDim();
        int nq = shape.tokensQ();
        int nk = shape.tokensK();
        float[] q = inputs.qHeadMajor();
        float[] k = inputs.kHeadMajor();
        float[] v = inputs.vHeadMajor();
        double scale = inputs.options().resolvedScale(dim);
        ScoreMask mask = new ScoreMask(shape, inputs.options());
        double[] out = new double[q.length];
        double[] lse = new double[shape.batch() * shape.heads() * nq];
        double[] scores = new double[nk];
        for (int b = 0; b < shape.batch(); b++) {
            for (int h = 0; h < shape.heads(); h++) {
                int qHead = b * shape.heads() + h;
                int kvHead = b * shape.kvHeads() + shape.kvHeadOf(h);
                for (int i = 0; i < nq; i++) {
                    int qRow = (qHead * nq + i) * dim;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < nk; j++) {
                        float bias = mask.biasAt(b, h, i, j);
                        if (bias == Float.NEGATIVE_INFINITY) {
                            scores[j] = Double.NEGATIVE_INFINITY;
                            continue;
                        }
                        int kRow = (kvHead * nk + j) * dim;
                        double dot = 0;
                        for (int c = 0; c < dim; c++) {
                            dot += (double) q[qRow + c] * k[kRow + c];
                        }
                        scores[j] = scale * dot + bias;
                        max = Math.max(max, scores[j]);
                    }
                    int row = qHead * nq + i;
                    if (max == Double.NEGATIVE_INFINITY) {
                        lse[row] = Double.NEGATIVE_INFINITY;  // fully masked row: output stays 0
                        continue;
                    }
                    double sum = 0;
                    for (int j = 0; j < nk; j++) {
                        scores[j] = Math.exp(scores[j] - max);  // exp(−∞) = 0 for masked keys
                        sum += scores[j];
                    }
                    lse[row] = max + Math.log(sum);
                    for (int j = 0; j < nk; j++) {
                        if (scores[j] == 0) {
                            continue;
                        }
                        double p = scores[j] / sum;
                        int vRow = (kvHead * nk + j) * dim;
                        for (int c = 0; c < dim; c++) {
                            out[qRow + c] += p * v[vRow + c];
                        }
                    }
                }
            }
        }
        double[] output = inputs.layout().fromHeadMajor(out, shape.batch(), shape.heads(), nq, dim);
        return new ExactResult(output, lse);
    }
}
