package io.sage4j.cpu;

import io.sage4j.reference.format.E4M3;
import io.sage4j.reference.quant.Fp8VQuantizer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link Fp8VQuantizer} without smoothing for one head, vectorised along the channels, bit for bit for finite
 * inputs: per channel {@code amax = max_t |v|}, {@code scale = amax/448}, {@code value = E4M3_satfinite(v·(448/amax))}
 * (multiplier 0 for an all-zero channel). Values come out as floats {@code [tokens][dim]} (the E4M3 values the PV
 * product multiplies), not as the reference's transposed codes.
 */
final class Fp8ValueQuantization {
    private Fp8ValueQuantization() {}

    /**
     * Quantizes {@code v[off + t·dim + c]} (t &lt; tokens): values to {@code values[valuesOff + t·dim + c]}, per-channel
     * scales to {@code scales[scalesOff + c]}; {@code scratch} holds at least dim floats.
     */
    static void quantizeHead(float[] v, int off, int tokens, int dim, float[] values, int valuesOff, float[] scales,
                             int scalesOff, float[] scratch) {
        for (int c = 0; c < dim; c += Lanes.L) {
            FloatVector amax = FloatVector.zero(Lanes.F);
            for (int t = 0; t < tokens; t++) {
                FloatVector a = FloatVector.fromArray(Lanes.F, v, off + t * dim + c).abs();
                amax = amax.max(a.blend(0f, a.compare(VectorOperators.NE, a)));  // NaN ignored, as the reference's amax
            }
            amax.div(E4M3.MAX).intoArray(scales, scalesOff + c);
            FloatVector multiplier = FloatVector.broadcast(Lanes.F, E4M3.MAX).div(amax)
                    .blend(0f, amax.compare(VectorOperators.EQ, 0f));
            multiplier.intoArray(scratch, c);
        }
        for (int t = 0; t < tokens; t++) {
            int row = valuesOff + t * dim;
            for (int c = 0; c < dim; c += Lanes.L) {
                FloatVector.fromArray(Lanes.F, v, off + t * dim + c).mul(FloatVector.fromArray(Lanes.F, scratch, c))
                        .intoArray(values, row + c);
            }
            GridRounding.e4m3(values, row, dim, values, row);
        }
    }
}
