package io.sage4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final long ALL = 1L << 32;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void rendersHalfwayLine() {
        assertEquals("[ 1/13] e2m1_satfinite_rn  [####....]  50.0% 2.15G/4.29G 429.5 M/s ETA 0:05",
                ProgressBar.render(1, 13, "e2m1_satfinite_rn", ALL / 2, ALL, 5 * SECOND));
    }

    @Test
    void rendersStartWithUnknownRateAndEta() {
        assertEquals("[2/2] bf16_rn            [........]   0.0% 0/4.29G   --- M/s ETA --:--",
                ProgressBar.render(2, 2, "bf16_rn", 0, ALL, 0));
    }

    @Test
    void rendersCompletionAndClampsOvershoot() {
        String line = ProgressBar.render(3, 13, "ue4m3_satfinite_rn", ALL, 1L << 31, 4 * SECOND);
        assertEquals("[ 3/13] ue4m3_satfinite_rn [########] 100.0% 2.15G/2.15G 536.9 M/s ETA 0:00", line);
    }

    @Test
    void etaGrowsIntoHours() {
        // 1% in 60 s: 99 % left at the same rate is 5,940 s.
        String line = ProgressBar.render(1, 1, "x", ALL / 100, ALL, 60 * SECOND);
        assertTrue(line.endsWith("ETA 1:39:00"), line);
        assertTrue(line.contains("[........]   1.0% 42.95M/4.29G"), line);
    }

    @Test
    void linesFitAnEightyColumnTerminal() {
        for (String name : new String[] {"ue8m0_satfinite_rz", "e2m1_satfinite_rn"}) {
            for (long seconds : new long[] {3, 60 * 60}) {  // ETA in minutes, then in hours
                String line = ProgressBar.render(13, 13, name, ALL / 3, ALL, seconds * SECOND);
                assertTrue(line.length() < 80, line.length() + ": " + line);
            }
        }
    }

    @Test
    void compactCounts() {
        assertEquals("0", ProgressBar.compact(0));
        assertEquals("999", ProgressBar.compact(999));
        assertEquals("1.00K", ProgressBar.compact(1000));
        assertEquals("999.99K", ProgressBar.compact(999_990));
        assertEquals("1.00M", ProgressBar.compact(999_999));
        assertEquals("4.29G", ProgressBar.compact(ALL));
        assertEquals("53.69G", ProgressBar.compact(53_687_091_200L));
    }

    @Test
    void positionsAlign() {
        assertEquals("[ 1/13]", ProgressBar.position(1, 13));
        assertEquals("[13/13]", ProgressBar.position(13, 13));
        assertEquals("[1/2]", ProgressBar.position(1, 2));
    }

    @Test
    void durations() {
        assertEquals("0:00", ProgressBar.duration(0));
        assertEquals("0:59", ProgressBar.duration(59));
        assertEquals("2:05", ProgressBar.duration(125));
        assertEquals("1:00:00", ProgressBar.duration(3600));
    }

    @Test
    void finishedLine() {
        assertEquals("[1/2] e2m1_satfinite_rn    4,294,967,296 inputs, 0 mismatches, 7.00 s (613.6 M/s)  ok",
                ProgressBar.finished(1, 2, "e2m1_satfinite_rn", ALL, 0, 7 * SECOND));
        assertTrue(ProgressBar.finished(1, 1, "x", ALL, 3, SECOND).endsWith("3 mismatches, 1.00 s (4295.0 M/s)  MISMATCH"));
    }
}
