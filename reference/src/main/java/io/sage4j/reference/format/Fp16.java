package io.sage4j.reference.format;

/**
 * IEEE binary16, as {@code cvt.rn.f16.f32} produces it: round to nearest even with gradual underflow,
 * overflow to ±Inf, and NaN of any sign or payload → the canonical NaN 0x7FFF that NVIDIA GPUs write.
 * (Java's {@link Float#floatToFloat16} keeps the NaN's sign and payload instead; every other input agrees.)
 */
public final class Fp16 {
    /** The canonical NaN NVIDIA's conversion writes. */
    public static final int CANONICAL_NAN = 0x7FFF;

    private static final MiniFloat.Overflow IEEE = new MiniFloat.Overflow() {
        @Override public int nan(int sign) { return CANONICAL_NAN; }
        @Override public int overflow(int sign) { return sign | 0x7C00; }
    };

    private Fp16() {}

    /** float32 → binary16 bits, round to nearest even. */
    public static short encodeRne(float x) {
        return (short) encodeRneBits(Float.floatToRawIntBits(x));
    }

    /** As {@link #encodeRne(float)}, from float32 bits; the result is in the low 16 bits. */
    public static int encodeRneBits(int floatBits) {
        return MiniFloat.FP16.encode(floatBits, IEEE);
    }

    /** Exact float32 value of binary16 bits. */
    public static float decode(int bits) {
        int b = bits & 0xFFFF;
        if ((b & 0x7C00) == 0x7C00) {
            if ((b & 0x3FF) != 0) {
                return Float.NaN;
            }
            return (b & 0x8000) != 0 ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        }
        return MiniFloat.FP16.decodeFinite(b);
    }
}
