package io.sage4j.accuracy;

import java.util.ArrayList;
import java.util.List;

/**
 * What one gate run found.
 *
 * @param profile          size profile
 * @param seed             seed of every workload instance
 * @param thresholdsSource where the thresholds came from
 * @param results          one per (workload, candidate), workload-major
 * @param ablations        the paper ablations the results allow checking
 */
public record GateReport(SizeProfile profile, long seed, String thresholdsSource, List<AccuracyResult> results,
                         List<AblationVerdict> ablations) {
    public GateReport {
        results = List.copyOf(results);
        ablations = List.copyOf(ablations);
    }

    /** Whether every result is within its thresholds and every checked ablation orders as the paper found. */
    public boolean passed() {
        return failures().isEmpty();
    }

    /** The results that are known failures and still fail, as the thresholds file expects. */
    public List<AccuracyResult> expectedFailures() {
        return results.stream().filter(r -> r.status() == AccuracyResult.Status.XFAIL).toList();
    }

    /** One line per failed result or reversed ablation; empty when the gate passes. */
    public List<String> failures() {
        List<String> out = new ArrayList<>();
        for (AccuracyResult r : results) {
            if (!r.passed()) {
                out.add(r.algorithm() + " on " + r.workload() + ": " + String.join("; ", r.violations()));
            }
        }
        for (AblationVerdict v : ablations) {
            if (!v.ordered()) {
                out.add("ablation '" + v.ablation().title() + "' on " + v.ablation().workload().cliName() + ": "
                        + String.join("; ", v.reversals()));
            }
        }
        return out;
    }
}
