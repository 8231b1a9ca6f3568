package io.sage4j.reference.format;

/**
 * A binary floating-point format narrower than float32, described by its mantissa width and the exponent
 * of its smallest normal value, with the one rounding rule NVIDIA's conversions use:
 * round to nearest, ties to even, with gradual underflow into the format's subnormals.
 *
 * <p>The encoder is integer-only (specs/numerics.md §1): |x| is written exactly as m·2^E from the float32
 * bits, the low bits below the target quantum are dropped with round-to-nearest-even, and a mantissa
 * carry bumps the exponent by itself because codes are monotone in magnitude. No value ever passes
 * through {@code double} or {@code Math.rint}, so float32 subnormals are handled exactly.
 *
 * <p>What happens above the largest finite value, at infinity and at NaN is the conversion's
 * {@link Overflow} policy, because that is what differs between {@code .satfinite} and non-saturating
 * conversions of the same format.
 *
 * @param name          short name, e.g. {@code "e4m3"}
 * @param mantissaBits  stored mantissa bits
 * @param minNormalExp  unbiased exponent of the smallest normal value
 * @param maxFiniteCode largest finite magnitude code (without the sign bit)
 * @param signBit       the sign bit of a code (the format's width minus one, as a mask)
 */
public record MiniFloat(String name, int mantissaBits, int minNormalExp, int maxFiniteCode, int signBit) {

    /** FP4 E2M1: values ±{0, 0.5, 1, 1.5, 2, 3, 4, 6}; no Inf, no NaN. */
    public static final MiniFloat E2M1 = new MiniFloat("e2m1", 1, 0, 0x7, 0x8);
    /** FP8 E4M3 ("e4m3fn"): max 448, NaN = S.1111.111, no Inf. */
    public static final MiniFloat E4M3 = new MiniFloat("e4m3", 3, -6, 0x7E, 0x80);
    /** FP8 E5M2: max 57344, Inf = S.11111.00, NaN above it. */
    public static final MiniFloat E5M2 = new MiniFloat("e5m2", 2, -14, 0x7B, 0x80);
    /** IEEE binary16. */
    public static final MiniFloat FP16 = new MiniFloat("fp16", 10, -14, 0x7BFF, 0x8000);
    /** bfloat16: float32's exponent range with 7 mantissa bits. */
    public static final MiniFloat BF16 = new MiniFloat("bf16", 7, -126, 0x7F7F, 0x8000);

    /** What a conversion does with values it cannot represent. */
    public interface Overflow {
        /** Code for a NaN input of the given sign (0 or the format's sign bit). */
        int nan(int sign);

        /** Code for ±Inf, and for finite values whose rounded magnitude exceeds the largest finite code. */
        int overflow(int sign);
    }

    /**
     * Converts the float32 with the given bits, rounding to nearest even.
     *
     * @param floatBits the float32 bit pattern ({@link Float#floatToRawIntBits})
     * @param policy    what to produce for NaN and for magnitudes beyond the finite range
     * @return the code, in the low bits of the int
     */
    public int encode(int floatBits, Overflow policy) {
        int sign = floatBits < 0 ? signBit : 0;
        int magnitude = floatBits & 0x7FFF_FFFF;
        if (magnitude > 0x7F80_0000) {
            return policy.nan(sign);
        }
        if (magnitude == 0x7F80_0000) {
            return policy.overflow(sign);
        }
        int code = roundMagnitude(magnitude);
        return code > maxFiniteCode ? policy.overflow(sign) : sign | code;
    }

    /**
     * The magnitude code of a finite, non-negative float32 (given by its bits), rounded to nearest even.
     * May exceed {@link #maxFiniteCode()} by any amount; the caller applies the overflow policy.
     */
    int roundMagnitude(int magnitude) {
        if (magnitude == 0) {
            return 0;
        }
        int biasedExp = magnitude >>> 23;
        int significand;  // |x| = significand * 2^scaleExp, exactly
        int scaleExp;
        if (biasedExp == 0) {
            significand = magnitude;
            scaleExp = -149;
        } else {
            significand = (magnitude & 0x7F_FFFF) | 0x80_0000;
            scaleExp = biasedExp - 150;
        }
        int log2 = (31 - Integer.numberOfLeadingZeros(significand)) + scaleExp;  // floor(log2 |x|)
        int targetExp = Math.max(log2, minNormalExp);
        int dropped = (targetExp - mantissaBits) - scaleExp;  // low bits of significand below the target quantum
        int kept;
        if (dropped <= 0) {
            kept = significand << -dropped;
        } else if (dropped > 24) {
            kept = 0;  // |x| < half the smallest quantum: significand < 2^24 <= 2^(dropped-1)
        } else {
            kept = significand >>> dropped;
            int remainder = significand & ((1 << dropped) - 1);
            int half = 1 << (dropped - 1);
            if (remainder > half || (remainder == half && (kept & 1) != 0)) {
                kept++;
            }
        }
        // kept includes the implicit bit for normal values; a carry into the next binade is just code + 1.
        return ((targetExp - minNormalExp) << mantissaBits) + kept;
    }

    /**
     * Exact value of a finite code of this format (NaN/Inf codes are the caller's business: each format
     * class knows which codes those are).
     */
    float decodeFinite(int code) {
        int magnitude = code & (signBit - 1);
        int expField = magnitude >>> mantissaBits;
        int mantissa = magnitude & ((1 << mantissaBits) - 1);
        float value;
        if (expField == 0) {
            value = Math.scalb((float) mantissa, minNormalExp - mantissaBits);  // exact: a small integer times 2^k
        } else {
            int exponent = expField - 1 + minNormalExp;
            value = Float.intBitsToFloat(((exponent + 127) << 23) | (mantissa << (23 - mantissaBits)));
        }
        return (code & signBit) != 0 ? -value : value;
    }
}
