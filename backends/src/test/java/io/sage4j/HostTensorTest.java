package io.sage4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sage4j.reference.format.Bf16;
import io.sage4j.reference.format.Fp16;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** Host tensors: the dtype conversions equal the reference's (NVIDIA's cvt.rn) and memory is laid out row-major. */
class HostTensorTest {
    /** Every float32 whose bit pattern is a multiple of 997: narrowing equals the reference encoders bit for bit. */
    @Test
    void narrowingEqualsTheReferenceEncoders() {
        for (long bits = 0; bits <= 0xFFFF_FFFFL; bits += 997) {
            float x = Float.intBitsToFloat((int) bits);
            assertEquals(Fp16.encodeRne(x), DType.toFp16Bits(x), () -> "fp16 of " + x);
            assertEquals(Bf16.encodeRne(x), DType.toBf16Bits(x), () -> "bf16 of " + x);
        }
        for (float x : new float[] {Float.NaN, -Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 65520f,
            65504f, 0x1p-25f, 0x1.8p-25f, Float.MAX_VALUE, -0f}) {
            assertEquals(Fp16.encodeRne(x), DType.toFp16Bits(x), "fp16 of " + x);
            assertEquals(Bf16.encodeRne(x), DType.toBf16Bits(x), "bf16 of " + x);
        }
    }

    @Test
    void widenedValuesRoundTripAndMatchTheDecoders() {
        float[] values = {1.5f, -2.25f, 1e-3f, 65504f, 3.14159f, -0f, 1e30f};
        for (DType dtype : DType.values()) {
            HostTensor t = HostTensor.of(values, dtype, values.length);
            for (int i = 0; i < values.length; i++) {
                float expected = switch (dtype) {
                    case FP32 -> values[i];
                    case FP16 -> Fp16.decode(Fp16.encodeRne(values[i]));
                    case BF16 -> Bf16.decode(Bf16.encodeRne(values[i]));
                };
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(t.get(i)), dtype + " " + i);
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(dtype.round(values[i])));
            }
            assertArrayEquals(java.util.stream.IntStream.range(0, values.length).mapToDouble(t::get).toArray(),
                    toDoubles(t.toFloatArray()));
        }
    }

    @Test
    void wrapSharesMemoryRowMajorWithoutCopying() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(2 * 3 * 4);
            HostTensor t = HostTensor.wrap(segment, DType.FP32, 2, 3);
            segment.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, 4, 7f);  // element [1][1]
            assertEquals(7f, t.get(4));
            t.set(5, -1f);
            assertEquals(-1f, segment.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, 5));
            assertThrows(IllegalArgumentException.class, () -> HostTensor.wrap(segment, DType.FP32, 2, 4));
            assertThrows(IndexOutOfBoundsException.class, () -> t.get(6));
        }
    }

    @Test
    void rawBitsAreStoredAsGiven() {
        short[] bits = {0x3C00, (short) 0xBC00, 0x7C00, 0x0001};
        HostTensor t = HostTensor.ofBits(bits, DType.FP16, 4);
        assertArrayEquals(new float[] {1f, -1f, Float.POSITIVE_INFINITY, 0x1p-24f}, t.toFloatArray());
        assertEquals("[4] fp16 host", t.describe());
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
