package io.sage4j.reference.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.reference.format.UE8M0.Rounding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The test vectors of specs/numerics.md §8 (equal to H100 hardware output for E4M3/E5M2 and to NVIDIA's
 * emulation for E2M1/UE8M0). Independent of the golden map: a second, hand-checked source.
 */
class ConversionVectorsTest {

    @ParameterizedTest(name = "E2M1({0}) = {1}")
    @CsvSource({
        "00000000,0", "80000000,8", "3dcccccd,0", "3e800000,0", "3e800001,1", "3e7fffff,0", "3f000000,1",
        "3f400000,2", "3f3fffff,1", "3f400001,2", "3f800000,2", "3fa00000,2", "3fa00001,3", "3fc00000,3",
        "3fe00000,4", "3fdfffff,3", "40000000,4", "40200000,4", "40200001,5", "40400000,5", "40600000,6",
        "405fffff,5", "40800000,6", "40a00000,6", "40a00001,7", "409fffff,6", "40c00000,7", "40d00000,7",
        "7149f2ca,7", "be800000,8", "be800001,9", "bf400000,A", "bfa00000,A", "bfe00000,C", "c0200000,C",
        "c0600000,E", "c0a00000,E", "c0c00000,F", "c2c80000,F", "7f800000,7", "ff800000,F", "7fc00000,7",
        "ffc00000,7", "7f800001,7", "00000001,0", "80000001,8", "00800000,0", "bdcccccd,8"})
    void e2m1(String bits, String code) {
        assertEquals(Integer.parseInt(code, 16), E2M1.encodeBits(Integer.parseUnsignedInt(bits, 16)));
    }

    @ParameterizedTest(name = "E4M3({0}) = {1}")
    @CsvSource({
        "00000000,00", "80000000,80", "3f800000,38", "bf800000,B8", "3f880000,38", "3f880001,39", "3f980000,3A",
        "3f900000,39", "41880000,58", "41980000,5A", "43700000,77", "43780000,78", "43800000,78", "43d00000,7D",
        "43d80000,7E", "43e00000,7E", "43e80000,7E", "43e80001,7E", "43e7ffff,7E", "43f00000,7E", "4e6e6b28,7E",
        "c3e80000,FE", "ce6e6b28,FE", "7f800000,7E", "ff800000,FE", "7fc00000,7F", "ffc00000,7F", "7f800001,7F",
        "3c800000,08", "3c600000,07", "3c700000,08", "3b000000,01", "3a800000,00", "3a800001,01", "3b400000,02",
        "3b800000,02", "3ba00000,02", "3bc00000,03", "3be00000,04", "3c100000,04", "ba800000,80", "ba800001,81",
        "00000001,00", "80000001,80", "3dcccccd,1D", "3e2aaaab,23", "3bdb6db7,03", "40c00000,4C", "3eca57a8,2D"})
    void e4m3Satfinite(String bits, String code) {
        assertEquals(Integer.parseInt(code, 16), E4M3.encodeSatfiniteBits(Integer.parseUnsignedInt(bits, 16)));
    }

    @ParameterizedTest(name = "E5M2({0}) = {1}")
    @CsvSource({
        "3f800000,3C", "3f900000,3C", "3fb00000,3E", "47600000,7B", "476fffff,7B", "47700000,7B",
        "4e6e6b28,7B", "7f800000,7B", "ff800000,FB", "7fc00000,7F", "37800000,01", "37000000,00",
        "37400000,01", "38800000,04"})
    void e5m2Satfinite(String bits, String code) {
        assertEquals(Integer.parseInt(code, 16), E5M2.encodeSatfiniteBits(Integer.parseUnsignedInt(bits, 16)));
    }

    @Test
    void e5m2NoSatOverflowsToInfinity() {
        assertEquals(0x7C, E5M2.encodeNoSatBits(0x47700000));  // 61440 rounds up past 57344
        assertEquals(0xFC, E5M2.encodeNoSatBits(0xff800000));
        assertEquals(0x7F, E4M3.encodeNoSatBits(0x43e80001));   // just above 464: NaN
        assertEquals(0xFF, E4M3.encodeNoSatBits(0xc3e80001));   // sign kept
        assertEquals(0x7E, E4M3.encodeNoSatBits(0x43e80000));   // 464 itself ties down to 448
    }

    @ParameterizedTest(name = "UE8M0({0}) = rz {1}, rp {2}")
    @CsvSource({
        "1.0,7F,7F", "1.25,7F,80", "1.5,7F,80", "1.0000001,7F,80", "0.75,7E,7F", "2,80,80", "3,80,81",
        "0,00,00", "-0.0,00,00", "-3,80,81", "0x1p-127,00,00", "0x1.000004p-127,00,01", "0x1p-128,00,00",
        "0x1p-126,01,01", "0x1p127,FE,FE", "0x1.000002p127,FE,FE", "3.4028235e38,FE,FE", "Infinity,FE,FE",
        "NaN,FF,FF", "0.16666667,7C,7D", "0.8333333,7E,7F", "74.666664,85,86"})
    void ue8m0Satfinite(String value, String rz, String rp) {
        float x = Float.parseFloat(value);
        assertEquals(Integer.parseInt(rz, 16), UE8M0.encode(x, Rounding.RZ, true));
        assertEquals(Integer.parseInt(rp, 16), UE8M0.encode(x, Rounding.RP, true));
    }

    @Test
    void ue8m0NoSat() {
        assertEquals(0xFF, UE8M0.encode(Math.nextUp(0x1p127f), Rounding.RP, false));
        assertEquals(0xFF, UE8M0.encode(Float.POSITIVE_INFINITY, Rounding.RZ, false));
        assertEquals(0xFE, UE8M0.encode(Math.nextUp(0x1p127f), Rounding.RZ, false));
    }

    @Test
    void e2m1PacksTheFirstElementInTheLowNibble() {
        assertEquals((byte) 0x72, E2M1.pack(E2M1.encode(1.0f), E2M1.encode(6.0f)));
        byte[] packed = {(byte) 0x72};
        assertEquals(0x2, E2M1.unpack(packed, 0));
        assertEquals(0x7, E2M1.unpack(packed, 1));
    }

    @Test
    void everyFiniteCodeDecodesAndReEncodesToItself() {
        for (int c = 0; c < 16; c++) {
            assertEquals(c, E2M1.encode(E2M1.decode(c)), "e2m1 code " + c);
        }
        for (int c = 0; c < 256; c++) {
            if ((c & 0x7F) != 0x7F) {
                assertEquals(c, E4M3.encodeSatfinite(E4M3.decode(c)), "e4m3 code " + c);
            }
            if ((c & 0x7F) < 0x7C) {
                assertEquals(c, E5M2.encodeSatfinite(E5M2.decode(c)), "e5m2 code " + c);
            }
            if (c != UE8M0.NAN_CODE) {
                assertEquals(c, UE8M0.encode(UE8M0.decode(c), Rounding.RZ, true), "ue8m0 rz code " + c);
                assertEquals(c, UE8M0.encode(UE8M0.decode(c), Rounding.RP, true), "ue8m0 rp code " + c);
                assertEquals(Math.scalb(1.0f, 127 - c), UE8M0.reciprocal(c), "ue8m0 reciprocal of code " + c);
            }
        }
        for (int c = 0; c < 0x10000; c++) {
            if ((c & 0x7C00) != 0x7C00) {
                assertEquals(c, Fp16.encodeRneBits(Float.floatToRawIntBits(Fp16.decode(c))), "fp16 " + c);
            }
            if ((c & 0x7F80) != 0x7F80) {
                assertEquals(c, Bf16.encodeRneBits(Float.floatToRawIntBits(Bf16.decode(c))), "bf16 " + c);
            }
        }
    }

    @Test
    void decodersGiveTheTabulatedValues() {
        assertEquals(448f, E4M3.decode(0x7E));
        assertEquals(0x1p-9f, E4M3.decode(0x01));
        assertEquals(0x1p-6f, E4M3.decode(0x08));
        assertEquals(-1.875f, E4M3.decode(0xBF));
        assertTrue(Float.isNaN(E4M3.decode(0xFF)));
        assertEquals(57344f, E5M2.decode(0x7B));
        assertEquals(0x1p-16f, E5M2.decode(0x01));
        assertEquals(Float.NEGATIVE_INFINITY, E5M2.decode(0xFC));
        assertEquals(0x1p-127f, UE8M0.decode(0x00));
        assertEquals(0x1p127f, UE8M0.decode(0xFE));
        assertEquals(6.0f, E2M1.decode(0x7));
        assertEquals(-0.5f, E2M1.decode(0x9));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(E2M1.decode(0x8)));
        assertEquals(65504f, Fp16.decode(0x7BFF));
        assertEquals(0x1p-24f, Fp16.decode(0x0001));
    }

    @Test
    void int8RoundsHalfToEvenAndSaturates() {
        assertEquals(0, Int8.encodeRne(0.5f));
        assertEquals(2, Int8.encodeRne(1.5f));
        assertEquals(2, Int8.encodeRne(2.5f));
        assertEquals(-2, Int8.encodeRne(-2.5f));
        assertEquals(1, Int8.encodeRne(Math.nextUp(0.5f)));
        assertEquals(127, Int8.encodeRne(127.5f));
        assertEquals(-128, Int8.encodeRne(-128.4f));
        assertEquals(-128, Int8.encodeRne(Float.NEGATIVE_INFINITY));
        assertEquals(127, Int8.encodeRne(1e30f));
        assertEquals(0, Int8.encodeRne(Float.NaN));
    }

    @Test
    void ue4m3RejectsNegativeScales() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UE4M3.encode(-1f));
        assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
        assertEquals(0x00, UE4M3.encode(-0.0f));
        assertEquals(0x7E, UE4M3.encode(1e9f));
    }
}
