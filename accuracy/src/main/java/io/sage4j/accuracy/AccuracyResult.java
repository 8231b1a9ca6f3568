package io.sage4j.accuracy;

import io.sage4j.reference.attention.ErrorStats;
import io.sage4j.reference.attention.ErrorSummary;
import java.util.List;

/**
 * One algorithm measured on one workload against exact attention, and the gate's verdict.
 *
 * @param algorithm    the candidate's name
 * @param instance     the workload instance it was measured on
 * @param profile      the size profile the instance was generated for
 * @param summary      per-head metrics: mean (what the gate checks) and worst
 * @param thresholds   the gate's bounds, or null (ungated, or a known failure)
 * @param knownFailure why the gate expects this pair to produce non-finite output, or null
 * @param nanos        wall time of the algorithm's run (not of the exact reference)
 */
public record AccuracyResult(String algorithm, WorkloadInfo instance, SizeProfile profile, ErrorSummary summary,
                             Thresholds thresholds, String knownFailure, long nanos) {
    /** The gate's verdict on one result. */
    public enum Status {
        /** Within its thresholds. */
        PASS,
        /** Outside its thresholds, or without any. */
        FAIL,
        /** A known failure that still fails (non-finite output): expected, so the gate passes it. */
        XFAIL,
        /** A known failure whose output is finite now: the gate fails it until the thresholds are re-derived. */
        XPASS
    }

    public AccuracyResult {
        if (algorithm == null || instance == null || profile == null || summary == null) {
            throw new IllegalArgumentException("algorithm, instance, profile and summary must not be null");
        }
        if (thresholds != null && knownFailure != null) {
            throw new IllegalArgumentException("a result has thresholds or a known failure, not both ("
                    + algorithm + " on " + instance.workload() + ")");
        }
    }

    /** The workload's name. */
    public String workload() {
        return instance.workload();
    }

    /** This result judged against {@code bounds}. */
    public AccuracyResult withThresholds(Thresholds bounds) {
        return new AccuracyResult(algorithm, instance, profile, summary, bounds, null, nanos);
    }

    /** This result judged as a known failure for {@code reason}. */
    public AccuracyResult withKnownFailure(String reason) {
        return new AccuracyResult(algorithm, instance, profile, summary, null, reason, nanos);
    }

    /** Whether the mean metrics are all finite. */
    public boolean finite() {
        ErrorStats m = summary.mean();
        return Double.isFinite(m.cosSim()) && Double.isFinite(m.relL1()) && Double.isFinite(m.rmse());
    }

    /** What makes the gate fail this result; empty when it passes (within thresholds, or an expected failure). */
    public List<String> violations() {
        if (knownFailure != null) {
            return finite() ? List.of("known failure (" + knownFailure + ") gives finite output now: re-derive the "
                    + "thresholds") : List.of();
        }
        return thresholds == null ? List.of("no thresholds") : thresholds.violations(summary.mean());
    }

    /** The verdict. */
    public Status status() {
        if (knownFailure != null) {
            return finite() ? Status.XPASS : Status.XFAIL;
        }
        return violations().isEmpty() ? Status.PASS : Status.FAIL;
    }

    /** Whether the gate passes this result (PASS or XFAIL). */
    public boolean passed() {
        return violations().isEmpty();
    }
}
