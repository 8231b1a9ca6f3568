package io.sage4j.cpu;

import io.sage4j.Algorithm;
import io.sage4j.AttentionOutput;
import io.sage4j.DType;
import io.sage4j.HostTensor;
import io.sage4j.Mask;
import io.sage4j.QuantGranularity;
import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.Layout;
import io.sage4j.spi.AttentionCall;
import io.sage4j.spi.ReferenceAgreement;
import io.sage4j.spi.ReferenceAlgorithms;
import io.sage4j.spi.VarlenCall;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * cpu-vector's glue: reads host tensors into the head-major float32 arrays the algorithms take, runs the
 * algorithm, writes the output back in q's dtype and layout. Only this class and the ones it calls touch the Vector
 * API, so {@link CpuVectorBackend} loads even where the incubator module is missing.
 */
final class VectorEngine {
    private VectorEngine() {}

    static AttentionOutput attend(AttentionCall call) {
        HostTensor q = HostTensorIo.host("q", call.q());
        AttentionShape s = call.shape();
        // HND float32: the head-major output is the output tensor's own memory, no copy.
        boolean direct = q.dtype() == DType.FP32 && call.layout() == Layout.HND;
        float[] out = direct ? new float[s.queryElements()] : ArrayPool.take(s.queryElements());
        HeadMajorCall hm = headMajor(call);
        try {
            AttentionOutcome outcome = run(call.algorithm(), call.granularity(), hm, out);
            HostTensor output = direct ? HostTensor.wrap(MemorySegment.ofArray(out), DType.FP32, q.shape())
                    : HostTensorIo.fromHeadMajor(out, call.layout(), s.batch(), s.heads(), s.tokensQ(), s.headDim(),
                            s.tokensQ(), q.dtype(), q.shape());
            return new AttentionOutput(output,
                    outcome.lse() == null ? null : HostTensor.of(outcome.lse(), s.batch(), s.heads(), s.tokensQ()));
        } finally {
            ArrayPool.give(hm.q(), hm.k(), hm.v());
            if (!direct) {
                ArrayPool.give(out);
            }
        }
    }

    /** The algorithm's outcome, head-major, its output written into {@code out} (a new array when null). */
    static AttentionOutcome run(Algorithm algorithm, QuantGranularity granularity, HeadMajorCall hm, float[] out) {
        return switch (algorithm) {
            case EXACT -> VectorExactAttention.run(hm, out);
            case SAGE2_INT8 -> VectorSage2Attention.run(hm, ReferenceAlgorithms.sage2Config(granularity), false, out)
                    .outcome();
            case SAGE3_FP4 -> VectorSage3Attention.run(hm, ReferenceAlgorithms.sage3Config(), false, out).outcome();
        };
    }

    /** The call's inputs as the algorithms read them, in pooled arrays (give them back when done). */
    static HeadMajorCall headMajor(AttentionCall call) {
        AttentionShape s = call.shape();
        int qRows = HeadMajorCall.paddedRows(s.tokensQ());
        float[] q = HostTensorIo.headMajor(HostTensorIo.host("q", call.q()), call.layout(), s.batch(), s.heads(),
                s.tokensQ(), s.headDim(), qRows, ArrayPool.take(s.batch() * s.heads() * qRows * s.headDim()));
        float[] k = HostTensorIo.headMajor(HostTensorIo.host("k", call.k()), call.layout(), s.batch(), s.kvHeads(),
                s.tokensK(), s.headDim(), s.tokensK(), ArrayPool.take(s.keyElements()));
        float[] v = HostTensorIo.headMajor(HostTensorIo.host("v", call.v()), call.layout(), s.batch(), s.kvHeads(),
                s.tokensK(), s.headDim(), s.tokensK(), ArrayPool.take(s.keyElements()));
        Mask mask = call.mask();
        return new HeadMajorCall(s, qRows, q, k, v, call.causal(), call.alignment(), call.smScale(),
                mask == null ? null : mask.additiveTerms(), mask != null && mask.isBroadcast(), call.returnLse());
    }

    static AttentionOutput attendVarlen(VarlenCall call) {
        HostTensor q = HostTensorIo.host("q", call.q());
        int heads = call.heads();
        int kvHeads = call.kvHeads();
        int dim = call.headDim();
        int totalQ = call.cuSeqlens().totalQ();
        float[] packedQ = packed(q, call.layout(), totalQ, heads, dim);
        float[] packedK = packed(HostTensorIo.host("k", call.k()), call.layout(), call.cuSeqlens().totalK(), kvHeads, dim);
        float[] packedV = packed(HostTensorIo.host("v", call.v()), call.layout(), call.cuSeqlens().totalK(), kvHeads, dim);
        float[] out = new float[packedQ.length];
        float[] lse = call.returnLse() ? new float[heads * totalQ] : null;
        int[] cuQ = call.cuSeqlens().q();
        int[] cuK = call.cuSeqlens().k();
        for (int seq = 0; seq + 1 < cuQ.length; seq++) {
            int q0 = cuQ[seq];
            int nq = cuQ[seq + 1] - q0;
            int k0 = cuK[seq];
            int nk = cuK[seq + 1] - k0;
            if (nq == 0) {
                continue;
            }
            if (nk == 0) {  // nothing to attend to: output 0, LSE −∞
                if (lse != null) {
                    for (int h = 0; h < heads; h++) {
                        Arrays.fill(lse, h * totalQ + q0, h * totalQ + q0 + nq, Float.NEGATIVE_INFINITY);
                    }
                }
                continue;
            }
            AttentionShape shape = new AttentionShape(1, heads, kvHeads, nq, nk, dim);
            int qRows = HeadMajorCall.paddedRows(nq);
            HeadMajorCall hm = new HeadMajorCall(shape, qRows,
                    sequenceHeadMajor(packedQ, q0, nq, heads, dim, qRows),
                    sequenceHeadMajor(packedK, k0, nk, kvHeads, dim, nk),
                    sequenceHeadMajor(packedV, k0, nk, kvHeads, dim, nk),
                    call.causal(), call.alignment(), call.smScale(), null, false, call.returnLse());
            AttentionOutcome outcome = run(call.algorithm(), call.granularity(), hm, null);
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < nq; i++) {
                    System.arraycopy(outcome.output(), (h * nq + i) * dim, out, ((q0 + i) * heads + h) * dim, dim);
                }
                if (lse != null) {
                    System.arraycopy(outcome.lse(), h * nq, lse, h * totalQ + q0, nq);
                }
            }
        }
        float[] output = call.layout() == Layout.NHD ? out
                : CpuReferenceBackend.transposeFirstTwo(out, totalQ, heads, dim);
        return new AttentionOutput(HostTensorIo.of(output, q.dtype(), q.shape()),
                lse == null ? null : HostTensor.of(lse, heads, totalQ));
    }

    static ReferenceAgreement agreement(AttentionCall call) {
        InputMagnitudes m = InputMagnitudes.of(HostTensorIo.host("q", call.q()), HostTensorIo.host("k", call.k()),
                call.shape().headDim(), call.mask());
        return CpuVectorAgreement.of(call.algorithm(), call.shape().tokensK(), call.shape().headDim(), call.smScale(), m,
                Lanes.L);
    }

    static ReferenceAgreement agreement(VarlenCall call) {
        InputMagnitudes m = InputMagnitudes.of(HostTensorIo.host("q", call.q()), HostTensorIo.host("k", call.k()),
                call.headDim(), null);
        return CpuVectorAgreement.of(call.algorithm(), call.maxSeqlenK(), call.headDim(), call.smScale(), m, Lanes.L);
    }

    /** A packed tensor as {@code [T][H][D]} floats. */
    private static float[] packed(HostTensor t, Layout layout, int tokens, int heads, int dim) {
        float[] values = t.toFloatArray();
        return layout == Layout.NHD ? values : CpuReferenceBackend.transposeFirstTwo(values, heads, tokens, dim);
    }

    /** Tokens {@code [t0, t0 + count)} of a packed {@code [T][H][D]} array as head-major {@code [H][rows][D]}. */
    private static float[] sequenceHeadMajor(float[] packed, int t0, int count, int heads, int dim, int rows) {
        float[] out = new float[heads * rows * dim];
        for (int h = 0; h < heads; h++) {
            for (int t = 0; t < count; t++) {
                System.arraycopy(packed, ((t0 + t) * heads + h) * dim, out, (h * rows + t) * dim, dim);
            }
        }
        return out;
    }
}
