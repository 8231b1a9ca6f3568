package io.sage4j;

import io.sage4j.reference.format.Fp16;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Element type of a tensor. fp16 and bf16 values widen to float32 exactly; float32 results narrow to them
 * with round-to-nearest-even as NVIDIA's {@code cvt.rn} does (NaN becomes the canonical 0x7FFF).
 */
public enum DType {
    FP32(4, 24),
    FP16(2, 11),
    BF16(2, 8);

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;

    private final int byteSize;
    private final int significandBits;

    DType(int byteSize, int significandBits) {
        this.byteSize = byteSize;
        this.significandBits = significandBits;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /**
     * Unit roundoff of this type (half the distance from 1 to the next value): narrowing a float32 x in the
     * type's normal range changes it by at most {@code unitRoundoff()·|x|}.
     */
    public double unitRoundoff() {
        return Math.scalb(1.0, -significandBits);
    }

    /** Element {@code index} (not byte offset) of {@code segment}, widened to float32. */
    public float read(MemorySegment segment, long index) {
        return switch (this) {
            case FP32 -> segment.getAtIndex(FLOAT, index);
            case FP16 -> Float.float16ToFloat(segment.getAtIndex(SHORT, index));
            case BF16 -> Float.intBitsToFloat(segment.getAtIndex(SHORT, index) << 16);
        };
    }

    /** Stores {@code value} narrowed to this type as element {@code index} of {@code segment}. */
    public void write(MemorySegment segment, long index, float value) {
        switch (this) {
            case FP32 -> segment.setAtIndex(FLOAT, index, value);
            case FP16 -> segment.setAtIndex(SHORT, index, toFp16Bits(value));
            case BF16 -> segment.setAtIndex(SHORT, index, toBf16Bits(value));
        }
    }

    /** The value this type stores for {@code value} (round to nearest even), as float32. */
    public float round(float value) {
        return switch (this) {
            case FP32 -> value;
            case FP16 -> Float.float16ToFloat(toFp16Bits(value));
            case BF16 -> Float.intBitsToFloat(toBf16Bits(value) << 16);
        };
    }

    /** float32 → binary16 bits, RNE; NaN → 0x7FFF like {@link Fp16#encodeRne} (the JDK keeps the payload). */
    static short toFp16Bits(float value) {
        return Float.isNaN(value) ? (short) Fp16.CANONICAL_NAN : Float.floatToFloat16(value);
    }

    /** float32 → bfloat16 bits, RNE on the top half; NaN → 0x7FFF; overflow rounds to ±Inf by itself. */
    static short toBf16Bits(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {
            return (short) 0x7FFF;
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }
}
