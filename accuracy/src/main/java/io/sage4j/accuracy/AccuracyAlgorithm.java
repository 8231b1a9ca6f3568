package io.sage4j.accuracy;

import io.sage4j.reference.attention.AttentionAlgorithm;
import io.sage4j.reference.attention.ExactAttention;
import io.sage4j.reference.attention.Fp4Variant;
import io.sage4j.reference.attention.Sage2Config;
import io.sage4j.reference.attention.Sage3Config;
import io.sage4j.reference.attention.SageAttention2Algorithm;
import io.sage4j.reference.attention.SageAttention3Algorithm;
import io.sage4j.reference.quant.TokenGrouping;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The algorithms the accuracy gate measures: exact attention rounded to float32 (a check of the yardstick and the
 * metrics), the two reference algorithms in their default configurations, and the ablation variants the papers
 * report. Every variant changes exactly one knob of its default.
 */
public enum AccuracyAlgorithm {
    EXACT("exact", "exact float64 attention rounded once to float32", ExactAttention::new),
    SAGE2_INT8("sage2-int8",
            "SageAttention2, sm90 config: per-thread INT8 Q/K, K smoothed, FP8 E4M3 P and V, two-level FP32 accumulation",
            () -> new SageAttention2Algorithm(Sage2Config.sm90())),
    SAGE2_INT8_NO_SMOOTH_K("sage2-int8-no-smooth-k", "sage2-int8 without K smoothing (SA1 Table 1, SA2 Table 4 ablation)",
            () -> new SageAttention2Algorithm(Sage2Config.sm90().withSmoothK(false))),
    SAGE2_INT8_PER_BLOCK("sage2-int8-per-block",
            "sage2-int8 with one INT8 scale per CTA block (Q 64, K 128 tokens) instead of per thread (SA2 Table 6)",
            () -> new SageAttention2Algorithm(Sage2Config.sm90().withGroupings(
                    TokenGrouping.perBlock(Sage2Config.sm90().ctaQ()),
                    TokenGrouping.perBlock(Sage2Config.sm90().ctaK())))),
    SAGE2_INT8_SMOOTH_V("sage2-int8-smooth-v", "sage2-int8 with V smoothing (SA2 Table 10 ablation)",
            () -> new SageAttention2Algorithm(Sage2Config.sm90().withSmoothV(true))),
    SAGE3_FP4("sage3-fp4",
            "SageAttention3 defaults: NVFP4 (IEEE quantizer) Q/K/V, two-level P, K and per-block Q smoothing",
            () -> new SageAttention3Algorithm(Sage3Config.defaults())),
    SAGE3_FP4_SMOOTH_K("sage3-fp4-smooth-k", "sage3-fp4 with K smoothing only, Q not smoothed (SA3 Table 16)",
            () -> new SageAttention3Algorithm(Sage3Config.defaults().withSmoothing(true, false))),
    SAGE3_FP4_NO_SMOOTH("sage3-fp4-no-smooth", "sage3-fp4 with neither K nor Q smoothed (SA3 Table 16 'None')",
            () -> new SageAttention3Algorithm(Sage3Config.defaults().withSmoothing(false, false))),
    SAGE3_FP4_MXFP4("sage3-fp4-mxfp4",
            "sage3-fp4 in MXFP4 (32-element blocks, UE8M0 scales, OCP floor rule) instead of NVFP4 (SA3 Table 1a)",
            () -> new SageAttention3Algorithm(Sage3Config.defaults().withVariant(Fp4Variant.MXFP4_OCP_FLOOR)));

    private final String cliName;
    private final String description;
    private final Supplier<AttentionAlgorithm> factory;

    AccuracyAlgorithm(String cliName, String description, Supplier<AttentionAlgorithm> factory) {
        this.cliName = cliName;
        this.description = description;
        this.factory = factory;
    }

    /** The name on the command line, in the thresholds file and in reports, e.g. {@code sage2-int8}. */
    public String cliName() {
        return cliName;
    }

    /** What the variant is. */
    public String description() {
        return description;
    }

    /** A fresh instance of the algorithm. */
    public AttentionAlgorithm create() {
        return factory.get();
    }

    /** This algorithm as a gate candidate under its own name. */
    public Candidate candidate() {
        return new Candidate(cliName, create());
    }

    /** The algorithm called {@code name} (its {@link #cliName()}). */
    public static AccuracyAlgorithm byName(String name) {
        if (name != null) {
            for (AccuracyAlgorithm a : values()) {
                if (a.cliName.equals(name.strip())) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("algorithm must be one of " + validNames() + ", got " + name);
    }

    /** Every algorithm's name, comma-separated, in declaration order. */
    public static String validNames() {
        return Arrays.stream(values()).map(AccuracyAlgorithm::cliName).collect(Collectors.joining(", "));
    }
}
