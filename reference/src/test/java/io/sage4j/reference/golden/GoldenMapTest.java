package io.sage4j.reference.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class GoldenMapTest {

    private static GoldenMap parse(String text) throws IOException {
        return GoldenMap.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), "test");
    }

    @Test
    void bundledMapKeepsItsProvenanceAndHoldsTheNineConversions() {
        GoldenMap map = GoldenMap.bundled();
        assertTrue(map.header().get(0).contains("NVIDIA CUDA intrinsics"), map.header().toString());
        assertEquals(FormatChecks.GOLDEN_NAMES.size(), map.names().size());
        assertTrue(map.names().containsAll(FormatChecks.GOLDEN_NAMES), map.names().toString());
        assertEquals(0x7E, map.segments("e4m3_satfinite_rn").codeOf(0x43e80000));
        assertEquals(0x07, map.segments("e2m1_satfinite_rn").codeOf(0xffc00000));
    }

    @Test
    void segmentsCoverRangesUpToTheNextStart() throws IOException {
        GoldenMap.Segments s = parse("# h\nx 00000000 01\nx 00000010 02\nx 80000000 03\n").segments("x");
        assertEquals(1, s.codeOf(0x0F));
        assertEquals(2, s.codeOf(0x10));
        assertEquals(2, s.codeOf(0x7FFFFFFF));
        assertEquals(3, s.codeOf(0xFFFFFFFF));
        int[] out = new int[4];
        s.expected(0x0E, out);
        assertEquals("[1, 1, 2, 2]", java.util.Arrays.toString(out));
    }

    @Test
    void malformedFilesAreRejectedWithTheLine() {
        IOException hex = assertThrows(IOException.class, () -> parse("x 0000zz00 01\n"));
        assertTrue(hex.getMessage().contains("test:1"), hex.getMessage());
        IOException start = assertThrows(IOException.class, () -> parse("x 00000001 01\n"));
        assertTrue(start.getMessage().contains("does not start at 0x00000000"), start.getMessage());
        IOException dup = assertThrows(IOException.class, () -> parse("x 00000000 01\nx 00000000 02\n"));
        assertTrue(dup.getMessage().contains("two segments"), dup.getMessage());
        IOException fields = assertThrows(IOException.class, () -> parse("x 00000000\n"));
        assertTrue(fields.getMessage().contains("expected 'name start code'"), fields.getMessage());
    }

    @Test
    void unknownConversionNamesTheKnownOnes() throws IOException {
        GoldenMap map = parse("x 00000000 01\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map.segments("y"));
        assertTrue(e.getMessage().contains("[x]"), e.getMessage());
    }

    @Test
    void theCheckerCountsAndReportsMismatches() throws IOException {
        // A map that claims code 1 everywhere except [0x10000, 0x20000), checked against "code 1 always".
        GoldenMap.Segments s = parse("x 00000000 01\nx 00010000 02\nx 00020000 01\n").segments("x");
        IntUnaryOperator alwaysOne = bits -> 1;
        ExhaustiveCheck.Result r = ExhaustiveCheck.run(new ExhaustiveCheck.Subject("x", alwaysOne, s, 0, 1L << 20),
                done -> {});
        assertEquals(1L << 20, r.inputs());
        assertEquals(0x10000, r.mismatches());
        assertEquals(0x10000, r.examples().get(0).floatBits());
        assertEquals(ExhaustiveCheck.MAX_EXAMPLES, r.examples().size());
    }
}
