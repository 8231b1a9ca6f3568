package io.sage4j.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The smoothing statistics of {@code io.sage4j.reference.quant.Smoothing}, bit for bit: per-channel means (float64
 * sums in ascending token order, divided in float64, rounded once) and ΔS (float64 dot products in ascending
 * channel order, rounded once). Lanes run across channels (means) or keys (ΔS), so every lane performs the
 * reference's exact sequence of float64 operations; a fused multiply-add equals the reference's multiply then add
 * because a product of two floats is exact in float64.
 */
final class ChannelMeans {
    private ChannelMeans() {}

    private static final int DL = Lanes.D.length();

    /**
     * Means of tokens {@code [first, first + count)} of one head {@code x[off + t·dim + c]}, per channel, into
     * {@code out[outOff + c]}; dim a multiple of {@link Lanes#L}.
     */
    static void mean(float[] x, int off, int first, int count, int dim, float[] out, int outOff) {
        for (int c = 0; c < dim; c += DL) {
            DoubleVector sum = DoubleVector.zero(Lanes.D);
            for (int t = first; t < first + count; t++) {
                sum = sum.add((DoubleVector) FloatVector.fromArray(Lanes.F_HALF, x, off + t * dim + c)
                        .convertShape(VectorOperators.F2D, Lanes.D, 0));
            }
            ((FloatVector) sum.div(count).convertShape(VectorOperators.D2F, Lanes.F_HALF, 0)).intoArray(out, outOff + c);
        }
    }

    /**
     * ΔS of one query block against the keys of one head: {@code out[outOff + j] = (float) Σ_c mean[c]·kt[c][j]}
     * for j in [0, keys), kt the smoothed keys transposed ({@code kt[ktOff + c·ldk + j]}); keys a multiple of the
     * double lane count (padding keys just produce unused values).
     */
    static void deltaS(float[] mean, int meanOff, float[] kt, int ktOff, int ldk, int keys, int dim, float[] out,
                       int outOff) {
        for (int j = 0; j < keys; j += DL) {
            DoubleVector dot = DoubleVector.zero(Lanes.D);
            for (int c = 0; c < dim; c++) {
                DoubleVector k = (DoubleVector) FloatVector.fromArray(Lanes.F_HALF, kt, ktOff + c * ldk + j)
                        .convertShape(VectorOperators.F2D, Lanes.D, 0);
                dot = DoubleVector.broadcast(Lanes.D, mean[meanOff + c]).fma(k, dot);
            }
            ((FloatVector) dot.convertShape(VectorOperators.D2F, Lanes.F_HALF, 0)).intoArray(out, outOff + j);
        }
    }

    /** {@code Σ_c q[c]·kMean[c]} in float64, ascending, rounded once (the reference's SmoothingCorrection). */
    static float correction(float[] q, int qOff, float[] kMean, int meanOff, int dim) {
        double sum = 0;
        for (int c = 0; c < dim; c++) {
            sum += (double) q[qOff + c] * kMean[meanOff + c];
        }
        return (float) sum;
    }
}
