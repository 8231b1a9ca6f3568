package io.sage4j.spi;

import io.sage4j.Algorithm;
import io.sage4j.QuantGranularity;
import io.sage4j.reference.attention.AttentionAlgorithm;
import io.sage4j.reference.attention.ExactAttention;
import io.sage4j.reference.attention.Sage2Config;
import io.sage4j.reference.attention.Sage3Config;
import io.sage4j.reference.attention.SageAttention2Algorithm;
import io.sage4j.reference.attention.SageAttention3Algorithm;
import io.sage4j.reference.quant.TokenGrouping;

/**
 * The reference algorithm (module {@code sage4j-reference}) that defines each public {@link Algorithm} and
 * granularity — what every backend implements and is checked against.
 * <ul>
 *   <li>{@code exact}: {@link ExactAttention} (float64, rounded once to float32).</li>
 *   <li>{@code sage2-int8}: {@link SageAttention2Algorithm} with {@link Sage2Config#sm90()} (CTA 64×128, K
 *       smoothed, two-level PV accumulation) and the granularity's INT8 groupings.</li>
 *   <li>{@code sage3-fp4}: {@link SageAttention3Algorithm} with {@link Sage3Config#defaults()} (IEEE NVFP4,
 *       K and per-128-token Q smoothing, KV tiles of 128 visited in descending order).</li>
 * </ul>
 */
public final class ReferenceAlgorithms {
    private ReferenceAlgorithms() {}

    /** The granularity a call of {@code algorithm} uses when none is given: PER_THREAD for sage2-int8, else null. */
    public static QuantGranularity defaultGranularity(Algorithm algorithm) {
        return algorithm == Algorithm.SAGE2_INT8 ? QuantGranularity.PER_THREAD : null;
    }

    /** The reference implementation of {@code algorithm} at {@code granularity} (null unless sage2-int8). */
    public static AttentionAlgorithm of(Algorithm algorithm, QuantGranularity granularity) {
        return switch (algorithm) {
            case EXACT -> new ExactAttention();
            case SAGE2_INT8 -> new SageAttention2Algorithm(sage2Config(granularity));
            case SAGE3_FP4 -> new SageAttention3Algorithm(sage3Config());
        };
    }

    /** The SageAttention2 configuration of a granularity. */
    public static Sage2Config sage2Config(QuantGranularity granularity) {
        if (granularity == null) {
            throw new IllegalArgumentException("granularity must not be null for sage2-int8; allowed: "
                    + java.util.Arrays.toString(QuantGranularity.values()));
        }
        Sage2Config sm90 = Sage2Config.sm90();
        return switch (granularity) {
            case PER_THREAD -> sm90;
            case PER_WARP -> sm90.withGroupings(TokenGrouping.perWarp(16), TokenGrouping.perBlock(sm90.ctaK()));
            case PER_BLOCK -> sm90.withGroupings(TokenGrouping.perBlock(sm90.ctaQ()), TokenGrouping.perBlock(sm90.ctaK()));
        };
    }

    /** The SageAttention3 configuration. */
    public static Sage3Config sage3Config() {
        return Sage3Config.defaults();
    }
}
