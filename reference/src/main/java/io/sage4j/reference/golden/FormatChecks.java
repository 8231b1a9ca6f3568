package io.sage4j.reference.golden;

import io.sage4j.reference.format.Bf16;
import io.sage4j.reference.format.E2M1;
import io.sage4j.reference.format.E4M3;
import io.sage4j.reference.format.E5M2;
import io.sage4j.reference.format.Fp16;
import io.sage4j.reference.format.Int8;
import io.sage4j.reference.format.UE4M3;
import io.sage4j.reference.format.UE8M0;
import io.sage4j.reference.format.UE8M0.Rounding;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of conversions sage4j checks exhaustively: the nine in the golden map, each against it,
 * and the ones the map does not hold (UE4M3, INT8, FP16, BF16) against independent oracles.
 */
public final class FormatChecks {
    /** The nine conversions of the golden map, by the map's names. */
    public static final List<String> GOLDEN_NAMES = List.of(
            "e2m1_satfinite_rn", "e4m3_satfinite_rn", "e4m3_nosat_rn", "e5m2_satfinite_rn", "e5m2_nosat_rn",
            "ue8m0_satfinite_rz", "ue8m0_satfinite_rp", "ue8m0_nosat_rz", "ue8m0_nosat_rp");

    private FormatChecks() {}

    /** Every check: the nine golden conversions first, then the oracle-based ones. */
    public static List<ExhaustiveCheck.Subject> all(GoldenMap golden) {
        List<ExhaustiveCheck.Subject> subjects = new ArrayList<>(goldenSubjects(golden));
        subjects.addAll(oracleSubjects(golden));
        return subjects;
    }

    /** The nine conversions that the golden map defines, each over all 2^32 inputs. */
    public static List<ExhaustiveCheck.Subject> goldenSubjects(GoldenMap golden) {
        List<ExhaustiveCheck.Subject> subjects = new ArrayList<>();
        for (String name : GOLDEN_NAMES) {
            subjects.add(ExhaustiveCheck.Subject.allPatterns(name, implementation(name), golden.segments(name)));
        }
        return subjects;
    }

    /** Conversions outside the golden map, against oracles that share no code with the implementation. */
    public static List<ExhaustiveCheck.Subject> oracleSubjects(GoldenMap golden) {
        return List.of(
                // A scale is a magnitude: UE4M3 is checked on the non-negative half, where it must equal E4M3 satfinite.
                new ExhaustiveCheck.Subject("ue4m3_satfinite_rn",
                        bits -> UE4M3.encode(Float.intBitsToFloat(bits)),
                        golden.segments("e4m3_satfinite_rn"), 0, 1L << 31),
                ExhaustiveCheck.Subject.allPatterns("int8_rni_sat", Int8::encodeRneBits,
                        ConversionOracle.of("Math.rint + clamp", FormatChecks::int8Oracle)),
                ExhaustiveCheck.Subject.allPatterns("fp16_rn", Fp16::encodeRneBits,
                        ConversionOracle.of("JDK Float.floatToFloat16", FormatChecks::fp16Oracle)),
                ExhaustiveCheck.Subject.allPatterns("bf16_rn", Bf16::encodeRneBits,
                        ConversionOracle.of("carry-add bit trick", FormatChecks::bf16Oracle)));
    }

    /** The implementation sage4j uses for a golden conversion name. */
    public static java.util.function.IntUnaryOperator implementation(String goldenName) {
        return switch (goldenName) {
            case "e2m1_satfinite_rn" -> E2M1::encodeBits;
            case "e4m3_satfinite_rn" -> E4M3::encodeSatfiniteBits;
            case "e4m3_nosat_rn" -> E4M3::encodeNoSatBits;
            case "e5m2_satfinite_rn" -> E5M2::encodeSatfiniteBits;
            case "e5m2_nosat_rn" -> E5M2::encodeNoSatBits;
            case "ue8m0_satfinite_rz" -> bits -> UE8M0.encodeBits(bits, Rounding.RZ, true);
            case "ue8m0_satfinite_rp" -> bits -> UE8M0.encodeBits(bits, Rounding.RP, true);
            case "ue8m0_nosat_rz" -> bits -> UE8M0.encodeBits(bits, Rounding.RZ, false);
            case "ue8m0_nosat_rp" -> bits -> UE8M0.encodeBits(bits, Rounding.RP, false);
            default -> throw new IllegalArgumentException("no implementation for conversion '" + goldenName
                    + "'; known: " + GOLDEN_NAMES);
        };
    }

    static int int8Oracle(int bits) {
        float x = Float.intBitsToFloat(bits);
        if (Float.isNaN(x)) {
            return 0;
        }
        double r = Math.rint(x);  // exact: every float is a double, rint is round-half-even
        return (int) Math.max(-128, Math.min(127, r));
    }

    static int fp16Oracle(int bits) {
        float x = Float.intBitsToFloat(bits);
        return Float.isNaN(x) ? Fp16.CANONICAL_NAN : Float.floatToFloat16(x) & 0xFFFF;
    }

    static int bf16Oracle(int bits) {
        if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {
            return Bf16.CANONICAL_NAN;
        }
        // Round to nearest even on the low 16 bits by adding 0x7FFF plus the lowest kept bit.
        return ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16) & 0xFFFF;
    }
}
