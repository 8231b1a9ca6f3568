package io.sage4j.accuracy;

import java.util.ArrayList;
import java.util.List;

/**
 * The accuracy gate: every candidate on every workload, generated for one size profile and seed, against exact
 * attention, judged by the checked-in thresholds of that profile; then the papers' ablation orders on whatever
 * results allow them. Workloads run one after another, the candidates of one workload in parallel.
 */
public final class AccuracyGate {
    /** Progress of a run; called from the running thread except {@link #progress}, which pool threads call. */
    public interface Listener {
        /** A workload's tensors exist; {@code totalWork} units will be reported for it. */
        default void workloadStarted(int index, int count, WorkloadData data, long totalWork) {}

        /** {@code work} more units of the current workload are done. */
        default void progress(long work) {}

        /** A workload's results are in. */
        default void workloadFinished(int index, int count, List<AccuracyResult> results, long nanos) {}
    }

    /** A listener that ignores everything. */
    public static final Listener SILENT = new Listener() {};

    private final SizeProfile profile;
    private final GateThresholds thresholds;

    /** A gate for {@code profile} judged by {@code thresholds}. */
    public AccuracyGate(SizeProfile profile, GateThresholds thresholds) {
        if (profile == null || thresholds == null) {
            throw new IllegalArgumentException("profile and thresholds must not be null");
        }
        this.profile = profile;
        this.thresholds = thresholds;
    }

    /** The gate on the profile's checked-in thresholds. */
    public static AccuracyGate bundled(SizeProfile profile) {
        return new AccuracyGate(profile, GateThresholds.bundled(profile));
    }

    public SizeProfile profile() {
        return profile;
    }

    public GateThresholds thresholds() {
        return thresholds;
    }

    /**
     * Runs the candidates on the workloads. Every (candidate, workload) pair must have thresholds: that is checked
     * before anything runs.
     */
    public GateReport run(long seed, List<Workload> workloads, List<Candidate> candidates, Evaluator evaluator,
                          Listener listener) {
        if (workloads == null || workloads.isEmpty()) {
            throw new IllegalArgumentException("workloads must name at least one of " + Workload.validNames());
        }
        if (candidates == null || candidates.isEmpty()) {
            throw new IllegalArgumentException("candidates must hold at least one algorithm, e.g. one of "
                    + AccuracyAlgorithm.validNames());
        }
        if (evaluator == null || listener == null) {
            throw new IllegalArgumentException("evaluator and listener must not be null");
        }
        for (Workload w : workloads) {
            for (Candidate c : candidates) {
                thresholds.require(c.name(), w.cliName());
            }
        }
        List<AccuracyResult> results = new ArrayList<>();
        for (int i = 0; i < workloads.size(); i++) {
            long start = System.nanoTime();
            WorkloadData data = workloads.get(i).generate(profile, seed);
            listener.workloadStarted(i + 1, workloads.size(), data, (candidates.size() + 1) * data.scoreMacs());
            List<AccuracyResult> judged = new ArrayList<>();
            for (AccuracyResult r : evaluator.evaluate(data, profile, candidates, listener::progress)) {
                judged.add(thresholds.knownFailure(r.algorithm(), r.workload()).map(r::withKnownFailure)
                        .orElseGet(() -> r.withThresholds(thresholds.get(r.algorithm(), r.workload()))));
            }
            results.addAll(judged);
            listener.workloadFinished(i + 1, workloads.size(), judged, System.nanoTime() - start);
        }
        List<AblationVerdict> ablations = new ArrayList<>();
        for (PaperAblation a : PaperAblation.values()) {
            a.check(results).ifPresent(ablations::add);
        }
        return new GateReport(profile, seed, thresholds.source(), results, ablations);
    }
}
