package io.sage4j.cpu;

import io.sage4j.HostTensor;
import io.sage4j.Mask;

/**
 * The input sizes the error bounds of {@link CpuVectorAgreement} depend on, over a whole call: the largest
 * Euclidean norm of a query row and of a key row (so {@code Σ_c |q_c·k_c| ≤ maxQueryNorm·maxKeyNorm} for every
 * score, by Cauchy–Schwarz) and the largest finite |bias| of the user mask. Norms in float64, rounded up by a
 * relative 2^-40 to stay upper bounds.
 */
record InputMagnitudes(double maxQueryNorm, double maxKeyNorm, double maxBias) {
    private static final double ROUND_UP = 1 + 0x1p-40;

    /** For tensors whose last dimension is the head dimension (any layout: every row of D elements is a vector). */
    static InputMagnitudes of(HostTensor q, HostTensor k, int headDim, Mask mask) {
        return new InputMagnitudes(maxRowNorm(q, headDim), maxRowNorm(k, headDim), maxBias(mask));
    }

    /** smScale · max Σ_c |q_c k_c|: a bound on |score| in natural-log units before the mask. */
    double scoreBound(float smScale) {
        return smScale * maxQueryNorm * maxKeyNorm * ROUND_UP;
    }

    private static double maxRowNorm(HostTensor t, int dim) {
        double max = 0;
        long rows = t.elementCount() / dim;
        for (long r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < dim; c++) {
                double x = t.get(r * dim + c);
                sum += x * x;
            }
            max = Math.max(max, sum);
        }
        return Math.sqrt(max) * ROUND_UP;
    }

    private static double maxBias(Mask mask) {
        if (mask == null || mask.isBoolean()) {
            return 0;
        }
        double max = 0;
        for (float term : mask.additiveTerms()) {
            if (Float.isFinite(term)) {
                max = Math.max(max, Math.abs(term));
            }
        }
        return max;
    }
}
