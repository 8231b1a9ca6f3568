package io.sage4j.reference.attention;

/**
 * The LSE term K smoothing removes from every score of a row: {@code q·kMean} (specs/algorithms.md §2.2.6).
 * Upstream computes it with a torch matmul in the input dtype; here the dot product runs in float64 over
 * the float32 values, ascending channels, rounded once to float32.
 */
final class SmoothingCorrection {
    private SmoothingCorrection() {}

    static float dot(float[] q, int qFrom, float[] kMean, int meanFrom, int dim) {
        double sum = 0;
        for (int c = 0; c < dim; c++) {
            sum += (double) q[qFrom + c] * kMean[meanFrom + c];
        }
        return (float) sum;
    }
}
