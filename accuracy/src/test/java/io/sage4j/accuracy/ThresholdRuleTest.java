package io.sage4j.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.reference.attention.ErrorStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {
    @Test
    void boundIsMaxPlusSigmasSdPlusHeadroomMeanRoundedUp() {
        // errors 1, 2, 3: max 3, sd 1, mean 2 → 3 + 3·1 + 0.1·2 = 6.2
        List<ErrorStats> seeds = List.of(new ErrorStats(1 - 1e-4, 1, 0.01, 9), new ErrorStats(1 - 2e-4, 2, 0.02, 9),
                new ErrorStats(1 - 3e-4, 3, 0.03, 9));
        Thresholds t = ThresholdRule.DEFAULT.derive(seeds);
        assertEquals(6.2, t.maxRelL1());  // exact in this case
        // Decimal inputs carry binary rounding, and the rule rounds up: at most one step of the 3rd digit more.
        assertTrue(t.maxRmse() >= 0.062 && t.maxRmse() <= 0.0621, "rmse bound " + t.maxRmse());
        assertTrue(t.minCosSim() <= 1 - 6.2e-4 && t.minCosSim() >= 1 - 6.21e-4, "cos bound " + t.minCosSim());
    }

    @Test
    void boundsAreRoundedUpNeverDown() {
        assertEquals(0.0124, ThresholdRule.roundUp(0.012301));
        assertEquals(0.0123, ThresholdRule.roundUp(0.0123));
        assertEquals(0, ThresholdRule.roundUp(0));
    }

    @Test
    void cosineBoundHasAFloorAboveFloat64Noise() {
        // Exact attention: 1 − cosSim is 0 or even slightly negative from rounding.
        Thresholds t = ThresholdRule.DEFAULT.derive(List.of(new ErrorStats(1.0000000000000002, 1e-8, 1e-9, 0),
                new ErrorStats(1.0, 1e-8, 1e-9, 0)));
        assertEquals(1 - 1e-12, t.minCosSim());
        assertTrue(t.violations(new ErrorStats(1.0, 1e-8, 1e-9, 0)).isEmpty());
    }

    @Test
    void everyDerivationSeedPasses() {
        List<ErrorStats> seeds = List.of(new ErrorStats(0.999, 0.04, 0.003, 1), new ErrorStats(0.9985, 0.05, 0.0031, 1),
                new ErrorStats(0.9992, 0.035, 0.0029, 1));
        Thresholds t = ThresholdRule.DEFAULT.derive(seeds);
        for (ErrorStats s : seeds) {
            assertEquals(List.of(), t.violations(s));
        }
    }

    @Test
    void badInputsAreRejectedWithMessages() {
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> ThresholdRule.DEFAULT.derive(List.of(new ErrorStats(1, 0, 0, 0))));
        assertTrue(one.getMessage().contains("at least 2"), one.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> ThresholdRule.DEFAULT.derive(List.of(new ErrorStats(1, Double.NaN, 0, 0), new ErrorStats(1, 0, 0, 0))));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ThresholdRule(-1, 0.1, 1e-12));
    }
}
