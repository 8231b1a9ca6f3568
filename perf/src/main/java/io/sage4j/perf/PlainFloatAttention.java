package io.sage4j.perf;

/**
 * Attention as a Java developer would first write it: float32, one thread, scalar loops, two-pass softmax per
 * query row with {@link Math#exp}. HND {@code [H][N][D]}, one batch, Hq = Hkv, scale 1/√D; causal is top-left.
 * The baseline cpu-vector is compared with.
 */
final class PlainFloatAttention {
    private PlainFloatAttention() {}

    static float[] attend(float[] q, float[] k, float[] v, int heads, int tokens, int dim, boolean causal) {
        float scale = (float) (1 / Math.sqrt(dim));
        float[] out = new float[q.length];
        float[] scores = new float[tokens];
        for (int h = 0; h < heads; h++) {
            int base = h * tokens * dim;
            for (int i = 0; i < tokens; i++) {
                int keys = causal ? i + 1 : tokens;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < keys; j++) {
                    float dot = 0;
                    for (int c = 0; c < dim; c++) {
                        dot += q[base + i * dim + c] * k[base + j * dim + c];
                    }
                    scores[j] = dot * scale;
                    max = Math.max(max, scores[j]);
                }
                float sum = 0;
                for (int j = 0; j < keys; j++) {
                    scores[j] = (float) Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int j = 0; j < keys; j++) {
                    float p = scores[j] / sum;
                    for (int c = 0; c < dim; c++) {
                        out[base + i * dim + c] += p * v[base + j * dim + c];
                    }
                }
            }
        }
        return out;
    }
}
