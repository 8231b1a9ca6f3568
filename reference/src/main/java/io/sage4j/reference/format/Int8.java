package io.sage4j.reference.format;

/**
 * float32 → INT8 as {@code cvt.rni.sat.s8.f32} does it: round to nearest integer, ties to even, then
 * saturate to [-128, 127]; NaN → 0 (PTX: a NaN source converts to 0 for integer destinations).
 * Integer-only: the float's significand is shifted, never rounded through {@code double}.
 */
public final class Int8 {
    private Int8() {}

    /** The INT8 value of {@code x}, round-half-even, saturating. */
    public static int encodeRne(float x) {
        return encodeRneBits(Float.floatToRawIntBits(x));
    }

    /** As {@link #encodeRne(float)}, from float32 bits. */
    public static int encodeRneBits(int floatBits) {
        int magnitude = floatBits & 0x7FFF_FFFF;
        if (magnitude > 0x7F80_0000) {
            return 0;
        }
        boolean negative = floatBits < 0;
        int biasedExp = magnitude >>> 23;
        int rounded;
        if (biasedExp >= 150) {
            rounded = 128;  // |x| >= 2^23 (or Inf): beyond every int8, saturate
        } else if (biasedExp < 126) {
            rounded = 0;  // |x| < 0.5
        } else {
            int significand = (magnitude & 0x7F_FFFF) | 0x80_0000;
            int dropped = 150 - biasedExp;  // 1..24
            int kept = significand >>> dropped;
            int remainder = significand & ((1 << dropped) - 1);
            int half = 1 << (dropped - 1);
            if (remainder > half || (remainder == half && (kept & 1) != 0)) {
                kept++;
            }
            rounded = Math.min(kept, 128);
        }
        return negative ? -Math.min(rounded, 128) : Math.min(rounded, 127);
    }
}
