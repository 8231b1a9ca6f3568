package io.sage4j.reference.quant;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Smoothing changes no softmax row. Checked in float64 on the float32 values the quantizers would see:
 * softmax(q·kᵀ) against softmax(q·(k − km)ᵀ) for K, and against softmax((q − qm)·kᵀ + ΔS) for Q.
 *
 * <p>Bound: the smoothed logits differ from the exact ones only by float32 roundings — each stored
 * element x − m is off by at most ulp/2 = 2^-24·|x − m|, and ΔS by 2^-24·|ΔS| — so row i's logits move by
 * at most δ_i = 2^-24·(Σ_c |q_c|·|k'_c| + |ΔS|) (max over j), plus float64 noise. A softmax moves by
 * at most |Δp_j| ≤ p_j·(e^{2δ} − 1) ≤ 2.01·δ for δ ≪ 1 (each p_j = e^{s_j}/Σe^{s}: numerator and
 * denominator each move by a factor within e^{±δ}). A wrong mean or a ΔS of the wrong block moves the
 * logits by O(|q|·|m|) ≫ δ and fails.
 */
class SmoothingTest {
    private static final double ULP_HALF = 0x1p-24;

    @RepeatedTest(20)
    void smoothingKeepsEverySoftmaxRow(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(1000 + repetition.getCurrentRepetition());
        int heads = 2;
        int tokensQ = 20 + random.nextInt(60);
        int tokensK = 10 + random.nextInt(50);
        int dim = 16 * (1 + random.nextInt(4));
        int qBlock = 16;
        float[] q = gaussianWithOffsets(random, heads * tokensQ * dim, dim, 4f);
        float[] k = gaussianWithOffsets(random, heads * tokensK * dim, dim, 30f);

        float[] km = Smoothing.channelMeans(k, heads, tokensK, dim);
        float[] kSmoothed = Smoothing.subtractChannelMeans(k, heads, tokensK, dim, km);
        int qBlocks = (tokensQ + qBlock - 1) / qBlock;
        float[] qm = Smoothing.blockMeans(q, heads, tokensQ, dim, qBlock);
        float[] qSmoothed = Smoothing.subtractBlockMeans(q, heads, tokensQ, dim, qBlock, qm);
        float[] deltaS = Smoothing.deltaS(qm, heads, qBlocks, k, tokensK, dim);

        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < tokensQ; i++) {
                double[] exact = new double[tokensK];
                double[] kSmooth = new double[tokensK];
                double[] qSmooth = new double[tokensK];
                double deltaK = 0;
                double deltaQ = 0;
                for (int j = 0; j < tokensK; j++) {
                    double bound = 0;
                    double boundQ = 0;
                    for (int c = 0; c < dim; c++) {
                        double qc = q[(h * tokensQ + i) * dim + c];
                        double kc = k[(h * tokensK + j) * dim + c];
                        double ks = kSmoothed[(h * tokensK + j) * dim + c];
                        double qs = qSmoothed[(h * tokensQ + i) * dim + c];
                        exact[j] += qc * kc;
                        kSmooth[j] += qc * ks;
                        qSmooth[j] += qs * kc;
                        bound += Math.abs(qc * ks);
                        boundQ += Math.abs(qs * kc);
                    }
                    double ds = deltaS[(h * qBlocks + i / qBlock) * tokensK + j];
                    qSmooth[j] += ds;
                    deltaK = Math.max(deltaK, ULP_HALF * bound);
                    deltaQ = Math.max(deltaQ, ULP_HALF * (boundQ + Math.abs(ds)));
                }
                assertRowsClose(softmax(exact), softmax(kSmooth), 2.01 * deltaK + 1e-12, "K smoothing", h, i);
                assertRowsClose(softmax(exact), softmax(qSmooth), 2.01 * deltaQ + 1e-12, "Q smoothing", h, i);
            }
        }
    }

    private static float[] gaussianWithOffsets(SplittableRandom random, int n, int dim, float offsetScale) {
        float[] offsets = new float[dim];
        for (int c = 0; c < dim; c++) {
            offsets[c] = (float) (random.nextGaussian() * offsetScale);
        }
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian() + offsets[i % dim];
        }
        return x;
    }

    private static double[] softmax(double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[s.length];
        for (int j = 0; j < s.length; j++) {
            p[j] = Math.exp(s[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < s.length; j++) {
            p[j] /= sum;
        }
        return p;
    }

    private static void assertRowsClose(double[] expected, double[] actual, double bound, String what, int h, int i) {
        for (int j = 0; j < expected.length; j++) {
            double diff = Math.abs(expected[j] - actual[j]);
            int col = j;
            assertTrue(diff <= bound, () -> what + " changed softmax row (" + h + ", " + i + ") col " + col
                    + " by " + diff + " > bound " + bound);
        }
    }
}
