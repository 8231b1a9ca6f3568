package io.sage4j.reference.format;

/**
 * UE8M0, the MX block scale: a biased exponent only, code c means 2^(c-127), 0xFF is NaN; no zero, no
 * sign, no Inf (specs/numerics.md §3.4). PTX converts float32 to it only with {@code .rz} (toward zero)
 * or {@code .rp} (toward +Inf), optionally {@code .satfinite}; there is no round-to-nearest.
 *
 * <p>As NVIDIA's {@code __nv_cvt_float_to_e8m0} implements it: the sign is ignored; NaN → 0xFF;
 * Inf → 0xFE with satfinite, else 0xFF; zero and everything up to 2^-127 → 0x00 (round-up of a
 * subnormal above 2^-127 gives 0x01); a rounded-up exponent beyond 0xFE → 0xFE (satfinite) or 0xFF.
 */
public final class UE8M0 {
    /** Code of NaN. */
    public static final int NAN_CODE = 0xFF;
    /** Largest finite scale code, 2^127. */
    public static final int MAX_CODE = 0xFE;

    /** The two roundings PTX offers. */
    public enum Rounding {
        /** Toward zero: the exponent of |x|. */
        RZ,
        /** Toward +Inf: the smallest power of two ≥ |x|. */
        RP
    }

    private UE8M0() {}

    /** float32 → UE8M0 code. */
    public static int encode(float x, Rounding rounding, boolean satfinite) {
        return encodeBits(Float.floatToRawIntBits(x), rounding, satfinite);
    }

    /** As {@link #encode(float, Rounding, boolean)}, from float32 bits. */
    public static int encodeBits(int floatBits, Rounding rounding, boolean satfinite) {
        int magnitude = floatBits & 0x7FFF_FFFF;
        if (magnitude > 0x7F80_0000) {
            return NAN_CODE;
        }
        if (magnitude == 0x7F80_0000) {
            return satfinite ? MAX_CODE : NAN_CODE;
        }
        int exponent = magnitude >>> 23;
        int mantissa = magnitude & 0x7F_FFFF;
        boolean up = rounding == Rounding.RP;
        if (exponent == 0) {
            // Zero or subnormal: below 2^-126. Only a round-up of a value above 2^-127 reaches 2^-126.
            return up && mantissa > 0x40_0000 ? 1 : 0;
        }
        int code = exponent + (up && mantissa != 0 ? 1 : 0);
        if (code > MAX_CODE) {
            return satfinite ? MAX_CODE : NAN_CODE;
        }
        return code;
    }

    /** Value of a code: 2^(code-127), NaN for 0xFF (2^-127 is a float32 subnormal, still exact). */
    public static float decode(int code) {
        int c = code & 0xFF;
        if (c == NAN_CODE) {
            return Float.NaN;
        }
        return c == 0 ? Float.intBitsToFloat(0x0040_0000) : Float.intBitsToFloat(c << 23);
    }

    /** The exact power of two 2^(127-code) that divides by a scale code (for codes 0..0xFE). */
    public static float reciprocal(int code) {
        int c = code & 0xFF;
        if (c == NAN_CODE) {
            return Float.NaN;
        }
        int e = 254 - c;  // biased exponent of 2^(127-c)
        return e == 0 ? Float.intBitsToFloat(0x0040_0000) : Float.intBitsToFloat(e << 23);
    }
}
