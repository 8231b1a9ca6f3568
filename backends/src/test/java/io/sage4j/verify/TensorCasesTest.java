package io.sage4j.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TensorCasesTest {

    @Test
    void casesAreReproducibleAndCoverEveryFamily() {
        Set<String> families = new HashSet<>();
        boolean sawNaN = false;
        boolean sawSubnormal = false;
        for (int i = 0; i < 40; i++) {
            TensorCase a = TensorCases.generate(42, i, 16);
            TensorCase b = TensorCases.generate(42, i, 16);
            assertArrayEquals(a.values(), b.values());
            assertEquals(0, a.dim() % 16);
            assertEquals(a.heads() * a.tokens() * a.dim(), a.values().length);
            families.add(a.family());
            for (float v : a.values()) {
                sawNaN |= Float.isNaN(v);
                sawSubnormal |= v != 0 && Math.abs(v) < Float.MIN_NORMAL;
            }
        }
        assertEquals(Set.copyOf(TensorCases.FAMILIES), families);
        assertTrue(sawNaN && sawSubnormal);
    }

    @Test
    void comparisonCountsAndDescribesDifferences() {
        TensorCase source = TensorCases.generate(1, 0, 1);
        Comparison c = new Comparison();
        c.bytes("codes", source, new byte[] {1, 2, 3}, new byte[] {1, 2, 3});
        c.bytes("codes", source, new byte[] {1, 2, 3}, new byte[] {1, 9, 3});
        c.floats("scales", source, new float[] {Float.NaN, 1f}, new float[] {Float.intBitsToFloat(0x7fffffff), 1f});
        c.floats("scales", source, new float[] {0f}, new float[] {-0f});
        assertEquals(4, c.arrays());
        assertEquals(2, c.mismatches());
        assertTrue(c.examples().get(0).contains("byte 1"), c.examples().get(0));
    }
}
