package io.sage4j;

import java.util.Arrays;

/** The attention algorithm a call runs; each is defined bit for bit by a reference algorithm. */
public enum Algorithm {
    /** SageAttention2: INT8 QKᵀ with smoothed K, FP8 (E4M3) PV ({@code SageAttention2Algorithm}). */
    SAGE2_INT8("sage2-int8"),
    /** SageAttention3: microscaling NVFP4 Q, K, V and two-level P ({@code SageAttention3Algorithm}). */
    SAGE3_FP4("sage3-fp4"),
    /** Unquantized softmax attention ({@code ExactAttention}, float64 in the reference). */
    EXACT("exact");

    private final String id;

    Algorithm(String id) {
        this.id = id;
    }

    /** The name used on the command line and in messages, e.g. {@code sage2-int8}. */
    public String id() {
        return id;
    }

    /** The algorithm named {@code id}. */
    public static Algorithm fromId(String id) {
        for (Algorithm a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("algorithm '" + id + "' is unknown; allowed: "
                + Arrays.stream(values()).map(Algorithm::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
