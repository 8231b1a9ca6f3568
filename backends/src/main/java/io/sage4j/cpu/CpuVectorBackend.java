package io.sage4j.cpu;

import io.sage4j.Algorithm;
import io.sage4j.AttentionOutput;
import io.sage4j.DType;
import io.sage4j.QuantGranularity;
import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.spi.AttentionBackend;
import io.sage4j.spi.AttentionCall;
import io.sage4j.spi.Availability;
import io.sage4j.spi.BackendCapabilities;
import io.sage4j.spi.ReferenceAgreement;
import io.sage4j.spi.VarlenCall;
import java.util.EnumSet;

/**
 * {@code cpu-vector}: the reference algorithms rewritten for speed — Vector API ({@code jdk.incubator.vector}),
 * register-blocked tile products, 64-query × 128-key tiles spread over every core, no allocation inside the tile
 * loop. Quantized operands (INT8/FP8/NVFP4 codes and scales, smoothing means, ΔS, every P scale) are bit for bit the
 * reference's; outputs and LSE agree within the bounds derived in {@link CpuVectorAgreement}. Exact attention runs
 * in float32 (the reference in float64). Needs the JVM flag {@code --add-modules jdk.incubator.vector}; head dims
 * are multiples of 16.
 */
public final class CpuVectorBackend implements AttentionBackend {
    /** The backend's name. */
    public static final String NAME = "cpu-vector";

    private static final BackendCapabilities CAPABILITIES = new BackendCapabilities(EnumSet.allOf(Algorithm.class),
            AttentionShape.MIN_HEAD_DIM, AttentionShape.MAX_HEAD_DIM, 16, EnumSet.allOf(DType.class), true, false,
            true, true, true, EnumSet.allOf(QuantGranularity.class), true);

    private volatile Availability availability;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Vector API tiles on every core; quantized operands bit-identical to the reference";
    }

    @Override
    public Availability availability() {
        Availability a = availability;
        if (a == null) {
            a = probe();
            availability = a;
        }
        return a;
    }

    private static Availability probe() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Availability.unavailable("the Vector API is not enabled: start the JVM with "
                    + "--add-modules jdk.incubator.vector");
        }
        try {
            return Availability.available(VectorProbe.describe());
        } catch (LinkageError | RuntimeException e) {
            return Availability.unavailable("the Vector API failed to start: " + e);
        }
    }

    @Override
    public BackendCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public AttentionOutput attend(AttentionCall call) {
        requireRunnable();
        CAPABILITIES.unsupported(call).ifPresent(reason -> {
            throw new IllegalArgumentException("backend '" + NAME + "' " + reason);
        });
        return VectorEngine.attend(call);
    }

    @Override
    public AttentionOutput attendVarlen(VarlenCall call) {
        requireRunnable();
        CAPABILITIES.unsupported(call).ifPresent(reason -> {
            throw new IllegalArgumentException("backend '" + NAME + "' " + reason);
        });
        return VectorEngine.attendVarlen(call);
    }

    @Override
    public ReferenceAgreement agreement(AttentionCall call) {
        requireRunnable();
        return VectorEngine.agreement(call);
    }

    @Override
    public ReferenceAgreement agreement(VarlenCall call) {
        requireRunnable();
        return VectorEngine.agreement(call);
    }

    private void requireRunnable() {
        Availability a = availability();
        if (!a.available()) {
            throw new IllegalArgumentException("backend '" + NAME + "' is not available: " + a.reason());
        }
    }
}
