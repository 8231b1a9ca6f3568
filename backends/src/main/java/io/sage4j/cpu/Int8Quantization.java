package io.sage4j.cpu;

import io.sage4j.reference.quant.Int8Quantizer;
import io.sage4j.reference.quant.TokenGrouping;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link Int8Quantizer} for one head, vectorised along the channels and bit for bit the same for finite inputs:
 * {@code x' = x − mean} (float), group amax (a max: exact in any order), {@code a = max(1e-7, amax)},
 * {@code scale = a/127}, {@code code = RNE_sat(x'·(127/a))}. Codes come out as floats (exact small integers), the
 * form the float matrix kernels multiply.
 */
final class Int8Quantization {
    private Int8Quantization() {}

    /**
     * Quantizes {@code x[off + t·dim + c]} (t &lt; tokens), {@code means[meansOff + c]} subtracted first unless
     * means is null. Writes codes {@code [tokens][dim]} at codesOff, each token's scale at tokenScalesOff and each
     * group's at groupScalesOff; {@code scratch} holds at least {@code grouping.groupCount(tokens)} floats.
     */
    static void quantizeHead(float[] x, int off, int tokens, int dim, TokenGrouping grouping, float[] means,
                             int meansOff, float[] codes, int codesOff, float[] tokenScales, int tokenScalesOff,
                             float[] groupScales, int groupScalesOff, float[] scratch) {
        int groups = grouping.groupCount(tokens);
        float[] multipliers = scratch;
        Arrays.fill(multipliers, 0, groups, 0f);  // first the group amax
        for (int t = 0; t < tokens; t++) {
            smoothedRow(x, off + t * dim, dim, means, meansOff, codes, codesOff + t * dim);  // x' (codes come later)
            FloatVector max = FloatVector.zero(Lanes.F);
            for (int c = 0; c < dim; c += Lanes.L) {
                FloatVector a = FloatVector.fromArray(Lanes.F, codes, codesOff + t * dim + c).abs();
                max = max.max(a.blend(0f, a.compare(VectorOperators.NE, a)));  // NaN ignored, as the reference's amax
            }
            int g = grouping.groupOf(t);
            multipliers[g] = Math.max(multipliers[g], max.reduceLanes(VectorOperators.MAX));
        }
        for (int g = 0; g < groups; g++) {
            float a = Math.max(Int8Quantizer.AMAX_FLOOR, multipliers[g]);
            groupScales[groupScalesOff + g] = a / 127.0f;
            multipliers[g] = 127.0f / a;
        }
        for (int t = 0; t < tokens; t++) {
            int g = grouping.groupOf(t);
            tokenScales[tokenScalesOff + t] = groupScales[groupScalesOff + g];
            for (int c = 0; c < dim; c += Lanes.L) {
                FloatVector.fromArray(Lanes.F, codes, codesOff + t * dim + c).mul(multipliers[g])
                        .intoArray(codes, codesOff + t * dim + c);
            }
            GridRounding.int8(codes, codesOff + t * dim, dim, codes, codesOff + t * dim);
        }
    }

    /** {@code out[outAt + c] = x[at + c] − means[meansAt + c]} (or a copy without means) for c &lt; dim. */
    private static void smoothedRow(float[] x, int at, int dim, float[] means, int meansAt, float[] out, int outAt) {
        for (int c = 0; c < dim; c += Lanes.L) {
            FloatVector v = FloatVector.fromArray(Lanes.F, x, at + c);
            (means == null ? v : v.sub(FloatVector.fromArray(Lanes.F, means, meansAt + c))).intoArray(out, outAt + c);
        }
    }
}
