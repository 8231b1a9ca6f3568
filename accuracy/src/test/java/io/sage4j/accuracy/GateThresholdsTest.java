package io.sage4j.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GateThresholdsTest {
    @ParameterizedTest
    @EnumSource(SizeProfile.class)
    void checkedInFileCoversEveryAlgorithmOnEveryWorkload(SizeProfile profile) {
        GateThresholds g = GateThresholds.bundled(profile);
        for (AccuracyAlgorithm a : AccuracyAlgorithm.values()) {
            for (Workload w : Workload.values()) {
                assertTrue(g.has(a.cliName(), w.cliName()), profile + ": " + a.cliName() + " on " + w.cliName());
            }
        }
        assertEquals(AccuracyAlgorithm.values().length * Workload.values().length, g.size(), "no stale entries");
    }

    @Test
    void parsesEntries() {
        GateThresholds g = GateThresholds.parse("test", "# c\na.w.minCosSim = 0.99\na.w.maxRelL1=0.1\na.w.maxRmse=0.01\n");
        assertEquals(new Thresholds(0.99, 0.1, 0.01), g.get("a", "w"));
    }

    @Test
    void parsesKnownFailures() {
        GateThresholds g = GateThresholds.parse("f", "a.w.knownFailure = NaN on seed 1\n");
        assertTrue(g.has("a", "w"));
        assertEquals("NaN on seed 1", g.knownFailure("a", "w").orElseThrow());
        assertTrue(g.thresholds("a", "w").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.get("a", "w"));
        assertEquals("algorithm a on workload w is a known failure in f, without thresholds: NaN on seed 1",
                e.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> GateThresholds.parse("f",
                "a.w.knownFailure = x\na.w.minCosSim=0.9\na.w.maxRelL1=1\na.w.maxRmse=1\n"));
        assertEquals("f: a.w has both thresholds and a.w.knownFailure; give one or the other", both.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> GateThresholds.parse("f", "a.w.knownFailure =\n"));
        assertEquals("f: a.w.knownFailure must give a reason", empty.getMessage());
    }

    @Test
    void missingPairNamesAlgorithmWorkloadAndSource() {
        GateThresholds g = GateThresholds.parse("src.properties", "a.w.minCosSim=0.9\na.w.maxRelL1=1\na.w.maxRmse=1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.get("b", "w"));
        assertTrue(e.getMessage().startsWith("no gate thresholds for algorithm b on workload w in src.properties"),
                e.getMessage());
    }

    @Test
    void malformedFilesAreRejectedNamingTheKey() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> GateThresholds.parse("f", "a.w.minCosSim=0.9\na.w.maxRelL1=1\n"));
        assertEquals("f: a.w lacks a.w.maxRmse", missing.getMessage());
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                () -> GateThresholds.parse("f", "a.w.minCosSim=high\n"));
        assertEquals("f: a.w.minCosSim = 'high' is not a number", number.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> GateThresholds.parse("f", "a.w.minCos=0.9\n"));
        assertTrue(key.getMessage().startsWith("f: key 'a.w.minCos' must be"), key.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> GateThresholds.parse("f", "a.w.minCosSim=2\na.w.maxRelL1=1\na.w.maxRmse=1\n"));
        assertTrue(range.getMessage().startsWith("f: a.w: minCosSim must be in [-1, 1]"), range.getMessage());
    }
}
