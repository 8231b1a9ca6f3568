package io.sage4j.reference.attention;

/**
 * The transcendental functions of the quantized algorithms, defined once so that sage4j's kernels can
 * use the same definitions. Upstream SageAttention uses {@code ex2.approx.ftz} / {@code lg2.approx.ftz}
 * (≤ 2 ulp, not IEEE, specs/algorithms.md §2.0); this reference uses correctly-rounded-enough IEEE
 * versions instead: the float64 {@link StrictMath} result (fdlibm, &lt; 1 ulp in float64, reproducible on
 * every JVM) rounded once to float32. Such a result can differ from the correctly rounded float32 only
 * when the exact value lies within ~2^-29 relative of a float32 rounding boundary, which is far below
 * anything the attention outputs are compared at (outputs are compared by tolerance; only quantized
 * inputs are compared byte for byte).
 */
final class FloatMath {
    /** log2(e) as the CUDA code writes it ({@code log2e_C = 1.44269504088896340736f}). */
    static final float LOG2E = 1.44269504088896340736f;

    private static final double LN2 = Math.log(2.0);

    private FloatMath() {}

    /** 2^x rounded to float32; ex2(−∞) = 0. */
    static float ex2(float x) {
        return (float) StrictMath.pow(2.0, x);
    }

    /** log2(x) rounded to float32; lg2(0) = −∞. */
    static float lg2(float x) {
        return (float) (StrictMath.log(x) / LN2);
    }
}
