package io.sage4j;

import io.sage4j.spi.AttentionBackend;
import io.sage4j.spi.AttentionCall;
import io.sage4j.spi.Availability;
import io.sage4j.spi.BackendCapabilities;
import io.sage4j.spi.ReferenceAgreement;
import io.sage4j.spi.VarlenCall;
import java.util.Set;

/** Stands in for a registered provider whose class failed to load: never available, says why. */
final class UnloadableBackend implements AttentionBackend {
    private static final BackendCapabilities NOTHING = new BackendCapabilities(Set.of(), 1, 1, 1, Set.of(), false,
            false, false, false, false, Set.of(), false);

    private final String name;
    private final String reason;

    UnloadableBackend(String providerClass, Throwable error) {
        this.name = providerClass;
        this.reason = "provider failed to load: " + error;
    }

    @Override public String name() { return name; }
    @Override public String description() { return "a registered provider that could not be loaded"; }
    @Override public Availability availability() { return Availability.unavailable(reason); }
    @Override public BackendCapabilities capabilities() { return NOTHING; }
    @Override public int priority() { return Integer.MIN_VALUE; }

    @Override
    public io.sage4j.AttentionOutput attend(AttentionCall call) {
        throw new IllegalArgumentException("backend '" + name + "' is not available: " + reason);
    }

    @Override
    public io.sage4j.AttentionOutput attendVarlen(VarlenCall call) {
        throw new IllegalArgumentException("backend '" + name + "' is not available: " + reason);
    }

    @Override
    public ReferenceAgreement agreement(AttentionCall call) {
        throw new IllegalArgumentException("backend '" + name + "' is not available: " + reason);
    }

    @Override
    public ReferenceAgreement agreement(VarlenCall call) {
        throw new IllegalArgumentException("backend '" + name + "' is not available: " + reason);
    }
}
