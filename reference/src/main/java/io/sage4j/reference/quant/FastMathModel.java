package io.sage4j.reference.quant;

/**
 * Bit-exact models of the fast-math instructions upstream SageAttention3 compiles to
 * ({@code --use_fast_math}), measured on an H100 over every fp16 and bf16 input (specs/numerics.md §4.3):
 * {@code div.approx.ftz.f32(x, 6) == ftz(RN(ftz(x) · RN(1/6)))} and {@code rcp.approx.ftz.f32(s) == 1/s}
 * for every E4M3 value s.
 */
final class FastMathModel {
    /** RN(1/6) as a float32: 0x3E2AAAAB. */
    static final float ONE_SIXTH = Float.intBitsToFloat(0x3E2A_AAAB);

    private FastMathModel() {}

    /** Flush a float32 subnormal to the zero of the same sign. */
    static float ftz(float v) {
        return Math.abs(v) < Float.MIN_NORMAL ? Math.copySign(0f, v) : v;
    }

    /** {@code div.approx.ftz.f32(x, 6)}. */
    static float divideBySix(float x) {
        return ftz(ftz(x) * ONE_SIXTH);
    }
}
