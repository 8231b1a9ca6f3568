package io.sage4j.cpu;

import io.sage4j.Algorithm;
import io.sage4j.AttentionOutput;
import io.sage4j.DType;
import io.sage4j.HostTensor;
import io.sage4j.QuantGranularity;
import io.sage4j.reference.attention.AttentionInputs;
import io.sage4j.reference.attention.AttentionResult;
import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.Layout;
import io.sage4j.reference.attention.VarlenAttention;
import io.sage4j.spi.AttentionBackend;
import io.sage4j.spi.AttentionCall;
import io.sage4j.spi.Availability;
import io.sage4j.spi.BackendCapabilities;
import io.sage4j.spi.ReferenceAgreement;
import io.sage4j.spi.ReferenceAlgorithms;
import io.sage4j.spi.VarlenCall;
import java.util.EnumSet;

/**
 * {@code cpu-reference}: runs the reference algorithms of {@code sage4j-reference} exactly as they are —
 * single-threaded, scalar, bit for bit the definition ({@link ReferenceAgreement#BIT_IDENTICAL}). Slow; it is the
 * fallback of last resort and the oracle other backends are compared with. It cannot honour
 * {@code nonFinite=ALLOW}: the reference rejects non-finite inputs.
 */
public final class CpuReferenceBackend implements AttentionBackend {
    /** The backend's name. */
    public static final String NAME = "cpu-reference";

    private static final BackendCapabilities CAPABILITIES = new BackendCapabilities(EnumSet.allOf(Algorithm.class),
            AttentionShape.MIN_HEAD_DIM, AttentionShape.MAX_HEAD_DIM, 1, EnumSet.allOf(DType.class), true, false, true,
            true, true, EnumSet.allOf(QuantGranularity.class), false);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the reference algorithms as written: scalar Java, one thread, bit-exact definition";
    }

    @Override
    public Availability availability() {
        return Availability.available("pure Java, runs anywhere");
    }

    @Override
    public BackendCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public AttentionOutput attend(AttentionCall call) {
        CAPABILITIES.unsupported(call).ifPresent(reason -> {
            throw new IllegalArgumentException("backend '" + NAME + "' " + reason);
        });
        HostTensor q = HostTensorIo.host("q", call.q());
        AttentionInputs inputs = new AttentionInputs(call.shape(), call.layout(), q.toFloatArray(),
                HostTensorIo.host("k", call.k()).toFloatArray(), HostTensorIo.host("v", call.v()).toFloatArray(),
                call.referenceOptions());
        AttentionResult result = ReferenceAlgorithms.of(call.algorithm(), call.granularity()).compute(inputs);
        AttentionShape s = call.shape();
        return new AttentionOutput(HostTensorIo.of(result.output(), q.dtype(), q.shape()),
                result.lse() == null ? null : HostTensor.of(result.lse(), s.batch(), s.heads(), s.tokensQ()));
    }

    @Override
    public AttentionOutput attendVarlen(VarlenCall call) {
        CAPABILITIES.unsupported(call).ifPresent(reason -> {
            throw new IllegalArgumentException("backend '" + NAME + "' " + reason);
        });
        HostTensor q = HostTensorIo.host("q", call.q());
        int totalQ = call.cuSeqlens().totalQ();
        int totalK = call.cuSeqlens().totalK();
        float[] packedQ = packed(q, call.layout(), totalQ, call.heads(), call.headDim());
        float[] packedK = packed(HostTensorIo.host("k", call.k()), call.layout(), totalK, call.kvHeads(), call.headDim());
        float[] packedV = packed(HostTensorIo.host("v", call.v()), call.layout(), totalK, call.kvHeads(), call.headDim());
        AttentionResult result = VarlenAttention.compute(ReferenceAlgorithms.of(call.algorithm(), call.granularity()),
                packedQ, packedK, packedV, call.heads(), call.kvHeads(), call.headDim(), call.cuSeqlens(),
                call.referenceOptions());
        float[] output = call.layout() == Layout.NHD ? result.output()
                : transposeFirstTwo(result.output(), totalQ, call.heads(), call.headDim());
        return new AttentionOutput(HostTensorIo.of(output, q.dtype(), q.shape()),
                result.lse() == null ? null : HostTensor.of(result.lse(), call.heads(), totalQ));
    }

    @Override
    public ReferenceAgreement agreement(AttentionCall call) {
        return ReferenceAgreement.BIT_IDENTICAL;
    }

    @Override
    public ReferenceAgreement agreement(VarlenCall call) {
        return ReferenceAgreement.BIT_IDENTICAL;
    }

    /** The packed tensor as {@code [T, H, D]} (VarlenAttention's order), transposing an HND {@code [H, T, D]} one. */
    private static float[] packed(HostTensor t, Layout layout, int tokens, int heads, int dim) {
        float[] values = t.toFloatArray();
        return layout == Layout.NHD ? values : transposeFirstTwo(values, heads, tokens, dim);
    }

    /** {@code [a][b][d]} → {@code [b][a][d]}. */
    static float[] transposeFirstTwo(float[] x, int a, int b, int d) {
        float[] out = new float[x.length];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(x, (i * b + j) * d, out, (j * a + i) * d, d);
            }
        }
        return out;
    }
}
