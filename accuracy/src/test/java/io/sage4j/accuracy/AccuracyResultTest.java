package io.sage4j.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.reference.attention.ErrorStats;
import io.sage4j.reference.attention.ErrorSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate's verdict on one result: thresholds, and strict expected failures. */
class AccuracyResultTest {
    private static final WorkloadInfo INFO = WorkloadInfo.of(Workload.VARLEN.generate(SizeProfile.CI, 1));

    private static AccuracyResult result(double cos) {
        ErrorStats s = new ErrorStats(cos, 0.01, 0.001, 0.1);
        return new AccuracyResult("alg", INFO, SizeProfile.CI, ErrorSummary.of(List.of(s)), null, null, 1);
    }

    @Test
    void thresholdsDecide() {
        Thresholds t = new Thresholds(0.999, 0.02, 0.002);
        assertEquals(AccuracyResult.Status.PASS, result(0.9995).withThresholds(t).status());
        AccuracyResult fail = result(0.99).withThresholds(t);
        assertEquals(AccuracyResult.Status.FAIL, fail.status());
        assertEquals(List.of("cosSim 0.990000 < 0.999000"), fail.violations());
        assertFalse(result(0.9995).passed(), "ungated results do not pass");
    }

    @Test
    void aKnownFailurePassesOnlyWhileItStillFails() {
        AccuracyResult stillNaN = result(Double.NaN).withKnownFailure("NaN in the reference");
        assertEquals(AccuracyResult.Status.XFAIL, stillNaN.status());
        assertTrue(stillNaN.passed());
        AccuracyResult fixed = result(0.99).withKnownFailure("NaN in the reference");
        assertEquals(AccuracyResult.Status.XPASS, fixed.status());
        assertFalse(fixed.passed());
        assertTrue(fixed.violations().getFirst().contains("re-derive the thresholds"), fixed.violations().toString());
    }

    @Test
    void thresholdsAndKnownFailureExcludeEachOther() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AccuracyResult("alg", INFO,
                SizeProfile.CI, result(1).summary(), new Thresholds(0, 1, 1), "why", 1));
        assertTrue(e.getMessage().startsWith("a result has thresholds or a known failure, not both"), e.getMessage());
    }
}
