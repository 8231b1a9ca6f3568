package io.sage4j;

import io.sage4j.reference.attention.AttentionInputs;
import io.sage4j.reference.attention.AttentionOptions;
import io.sage4j.reference.attention.AttentionResult;
import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.CuSeqlens;
import io.sage4j.reference.attention.Layout;
import io.sage4j.reference.attention.VarlenAttention;
import io.sage4j.spi.ReferenceAgreement;
import io.sage4j.spi.ReferenceAlgorithms;

/**
 * Compares a backend's result with the reference algorithm's on the same (dtype-widened) inputs, element by element,
 * against the bound the backend states. Returns null when they agree, else what differs.
 */
final class ReferenceCheck {
    private ReferenceCheck() {}

    /** The reference result of a dense call. */
    static AttentionResult reference(HostTensor q, HostTensor k, HostTensor v, SageAttentionOptions o, AttentionShape shape) {
        AttentionOptions options = new AttentionOptions(o.causal(), o.causalAlignment(),
                o.smScale() != null ? o.smScale() : (float) (1.0 / Math.sqrt(shape.headDim())),
                o.mask() == null ? null : o.mask().toReference(), o.returnLse());
        QuantGranularity granularity = o.algorithm() == Algorithm.SAGE2_INT8
                ? (o.granularity() == null ? QuantGranularity.PER_THREAD : o.granularity()) : null;
        AttentionInputs inputs = new AttentionInputs(shape, o.layout(), q.toFloatArray(), k.toFloatArray(),
                v.toFloatArray(), options);
        return ReferenceAlgorithms.of(o.algorithm(), granularity).compute(inputs);
    }

    /** The reference result of a varlen call ([T, H, D] packed, NHD layout). */
    static AttentionResult referenceVarlen(HostTensor q, HostTensor k, HostTensor v, int heads, int kvHeads, int dim,
                                           int[] cuQ, int[] cuK, SageAttentionOptions o) {
        AttentionOptions options = new AttentionOptions(o.causal(), o.causalAlignment(),
                o.smScale() != null ? o.smScale() : (float) (1.0 / Math.sqrt(dim)), null, o.returnLse());
        QuantGranularity granularity = o.algorithm() == Algorithm.SAGE2_INT8
                ? (o.granularity() == null ? QuantGranularity.PER_THREAD : o.granularity()) : null;
        return VarlenAttention.compute(ReferenceAlgorithms.of(o.algorithm(), granularity), q.toFloatArray(),
                k.toFloatArray(), v.toFloatArray(), heads, kvHeads, dim, new CuSeqlens(cuQ, cuK), options);
    }

    /**
     * Checks output and LSE. {@code valueRange[i]} is the channel value range R of output element i; the dtype of the
     * output adds its rounding (unit roundoff of the magnitude, plus half its smallest subnormal).
     */
    static String compare(AttentionOutput got, AttentionResult want, double[] valueRange, ReferenceAgreement bound,
                          DType dtype) {
        float[] out = got.outputArray();
        if (out.length != want.output().length) {
            return "output has " + out.length + " elements, the reference " + want.output().length;
        }
        double tiny = dtype == DType.FP16 ? 0x1p-25 : dtype == DType.BF16 ? 0x1p-134 : 0;
        for (int i = 0; i < out.length; i++) {
            double ref = want.output()[i];
            double allowed = bound.outputBound(valueRange[i]);
            allowed += dtype.unitRoundoff() * (Math.abs(ref) + allowed) * (dtype == DType.FP32 ? 0 : 1) + tiny;
            if (!(Math.abs(out[i] - ref) <= allowed)) {
                return "output[" + i + "] = " + out[i] + " vs reference " + ref + " (allowed " + allowed + ")";
            }
        }
        if (want.lse() == null) {
            return got.lse() == null ? null : "LSE returned though not requested";
        }
        if (got.lse() == null) {
            return "LSE missing";
        }
        float[] lse = got.lseArray();
        for (int i = 0; i < lse.length; i++) {
            float ref = want.lse()[i];
            if (ref == Float.NEGATIVE_INFINITY ? lse[i] != ref : !(Math.abs(lse[i] - ref) <= bound.lseBound(ref))) {
                return "lse[" + i + "] = " + lse[i] + " vs reference " + ref + " (allowed " + bound.lseBound(ref) + ")";
            }
        }
        return null;
    }

    /** R of every output element of a dense call: max_j |v[b, kvHead(h), j, c]| (v widened to float). */
    static double[] valueRanges(HostTensor v, AttentionShape s, Layout layout) {
        float[] values = v.toFloatArray();
        int dim = s.headDim();
        double[] rangeOf = new double[s.batch() * s.kvHeads() * dim];
        for (int b = 0; b < s.batch(); b++) {
            for (int g = 0; g < s.kvHeads(); g++) {
                for (int j = 0; j < s.tokensK(); j++) {
                    for (int c = 0; c < dim; c++) {
                        int at = (b * s.kvHeads() + g) * dim + c;
                        float x = values[layout.index(b, g, j, c, s.kvHeads(), s.tokensK(), dim)];
                        rangeOf[at] = Math.max(rangeOf[at], Math.abs(x));
                    }
                }
            }
        }
        double[] ranges = new double[s.queryElements()];
        for (int b = 0; b < s.batch(); b++) {
            for (int h = 0; h < s.heads(); h++) {
                for (int i = 0; i < s.tokensQ(); i++) {
                    for (int c = 0; c < dim; c++) {
                        ranges[layout.index(b, h, i, c, s.heads(), s.tokensQ(), dim)] =
                                rangeOf[(b * s.kvHeads() + s.kvHeadOf(h)) * dim + c];
                    }
                }
            }
        }
        return ranges;
    }

    /** R of every output element of a packed NHD varlen call, per sequence. */
    static double[] varlenValueRanges(HostTensor v, int heads, int kvHeads, int dim, int[] cuQ, int[] cuK) {
        float[] values = v.toFloatArray();
        int totalQ = cuQ[cuQ.length - 1];
        double[] ranges = new double[totalQ * heads * dim];
        int group = heads / kvHeads;
        for (int s = 0; s + 1 < cuQ.length; s++) {
            for (int h = 0; h < heads; h++) {
                for (int c = 0; c < dim; c++) {
                    double r = 0;
                    for (int t = cuK[s]; t < cuK[s + 1]; t++) {
                        r = Math.max(r, Math.abs(values[(t * kvHeads + h / group) * dim + c]));
                    }
                    for (int t = cuQ[s]; t < cuQ[s + 1]; t++) {
                        ranges[(t * heads + h) * dim + c] = r;
                    }
                }
            }
        }
        return ranges;
    }
}
