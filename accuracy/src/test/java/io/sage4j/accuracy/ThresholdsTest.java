package io.sage4j.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sage4j.reference.attention.ErrorStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
    private final Thresholds t = new Thresholds(0.999, 0.05, 0.003);

    @Test
    void withinEveryBoundPasses() {
        assertEquals(List.of(), t.violations(new ErrorStats(0.999, 0.05, 0.003, 123)));
    }

    @Test
    void eachMissedBoundIsNamed() {
        assertEquals(List.of("cosSim 0.998000 < 0.999000", "relL1 0.06000 > 0.05000", "rmse 0.004000 > 0.003000"),
                t.violations(new ErrorStats(0.998, 0.06, 0.004, 0)));
    }

    @Test
    void nanFailsEveryBound() {
        assertEquals(3, t.violations(new ErrorStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN)).size());
    }

    @Test
    void invalidBoundsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Thresholds(1.5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Thresholds(0.9, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Thresholds(0.9, 0, Double.NaN));
    }
}
