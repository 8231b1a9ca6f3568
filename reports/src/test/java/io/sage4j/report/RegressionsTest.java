package io.sage4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.report.Regressions.Comparison;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A figure regresses when it falls by more than the run-to-run spread; verdicts have no allowance. */
class RegressionsTest {
    /** A TOPS figure whose repeats spread from {@code low} to {@code high}. */
    static Figure tops(String key, double value, double low, double high) {
        return new Figure(key, "attention", "card", key, "TOPS", value, low, high, true, true, false, "run");
    }

    static Figure error(String key, double value) {
        return new Figure(key, "accuracy", "cpu", key, "relative L1 error", value, Double.NaN, Double.NaN, false, true,
                false, "run");
    }

    static Figure verdict(String key, boolean passed) {
        return new Figure(key, "verify", "card", key, "1 = passed", passed ? 1 : 0, Double.NaN, Double.NaN, true, true,
                true, "run");
    }

    @Test
    void fallBeyondTheSpreadRegresses() {
        // Baseline 100 with repeats 98..102 (4 % spread); now 90 (10 % worse) with 89..91.
        Comparison c = Regressions.compare(List.of(tops("a", 100, 98, 102)), List.of(tops("a", 90, 89, 91)), 0.02);
        assertTrue(c.regressed());
        assertEquals(1, c.compared());
        assertEquals(0.10, c.regressions().getFirst().change(), 1e-12);
        assertEquals(0.04, c.regressions().getFirst().tolerance(), 1e-12);
    }

    @Test
    void fallWithinTheSpreadDoesNot() {
        // 3 % down, but the baseline's own repeats spread over 4 %.
        Comparison c = Regressions.compare(List.of(tops("a", 100, 98, 102)), List.of(tops("a", 97, 96.5, 97.5)), 0.02);
        assertFalse(c.regressed());
        // The current run's spread counts too: 6 % down, but its repeats spread over 8 %.
        c = Regressions.compare(List.of(tops("a", 100, 99.5, 100.5)), List.of(tops("a", 94, 90, 98)), 0.02);
        assertFalse(c.regressed());
    }

    @Test
    void theMinimumSpreadAppliesWhenRunsAreTighter() {
        Figure base = tops("a", 100, 99.9, 100.1);
        assertFalse(Regressions.compare(List.of(base), List.of(tops("a", 98.5, 98.4, 98.6)), 0.02).regressed());
        assertTrue(Regressions.compare(List.of(base), List.of(tops("a", 97.5, 97.4, 97.6)), 0.02).regressed());
        assertTrue(Regressions.compare(List.of(base), List.of(tops("a", 98.5, 98.4, 98.6)), 0.0).regressed());
    }

    @Test
    void lowerIsBetterFiguresRegressUpwards() {
        assertTrue(Regressions.compare(List.of(error("e", 0.040)), List.of(error("e", 0.045)), 0.02).regressed());
        assertFalse(Regressions.compare(List.of(error("e", 0.040)), List.of(error("e", 0.030)), 0.02).regressed());
        Comparison better = Regressions.compare(List.of(error("e", 0.040)), List.of(error("e", 0.030)), 0.02);
        assertEquals(1, better.improved());
    }

    @Test
    void verdictsHaveNoAllowance() {
        assertTrue(Regressions.compare(List.of(verdict("v", true)), List.of(verdict("v", false)), 0.5).regressed());
        assertFalse(Regressions.compare(List.of(verdict("v", false)), List.of(verdict("v", true)), 0.5).regressed());
    }

    @Test
    void peersNeverRegressAndMissingOrNewFiguresAreCounted() {
        Figure peer = new Figure("p", "attention", "card", "FA2", "TOPS", 300, 299, 301, true, false, false, "peers");
        Figure peerNow = new Figure("p", "attention", "card", "FA2", "TOPS", 100, 99, 101, true, false, false, "peers");
        Comparison c = Regressions.compare(List.of(peer, tops("gone", 1, 1, 1)), List.of(peerNow, tops("new", 1, 1, 1)),
                0.02);
        assertFalse(c.regressed());
        assertEquals(0, c.compared());
        assertEquals(List.of("gone"), c.missing().stream().map(Figure::key).toList());
        assertEquals(List.of("new"), c.added().stream().map(Figure::key).toList());
    }
}
