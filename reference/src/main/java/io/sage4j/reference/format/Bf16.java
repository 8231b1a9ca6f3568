package io.sage4j.reference.format;

/**
 * bfloat16, as {@code cvt.rn.bf16.f32} produces it: the top 16 bits of the float32 after round to
 * nearest even; overflow to ±Inf; NaN → the canonical NaN 0x7FFF.
 */
public final class Bf16 {
    /** The canonical NaN NVIDIA's conversion writes. */
    public static final int CANONICAL_NAN = 0x7FFF;

    private static final MiniFloat.Overflow IEEE = new MiniFloat.Overflow() {
        @Override public int nan(int sign) { return CANONICAL_NAN; }
        @Override public int overflow(int sign) { return sign | 0x7F80; }
    };

    private Bf16() {}

    /** float32 → bfloat16 bits, round to nearest even. */
    public static short encodeRne(float x) {
        return (short) encodeRneBits(Float.floatToRawIntBits(x));
    }

    /** As {@link #encodeRne(float)}, from float32 bits; the result is in the low 16 bits. */
    public static int encodeRneBits(int floatBits) {
        return MiniFloat.BF16.encode(floatBits, IEEE);
    }

    /** Exact float32 value of bfloat16 bits (a bfloat16 is the high half of a float32). */
    public static float decode(int bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }
}
