package io.sage4j.cli;

import io.sage4j.accuracy.AblationVerdict;
import io.sage4j.accuracy.AccuracyAlgorithm;
import io.sage4j.accuracy.AccuracyGate;
import io.sage4j.accuracy.AccuracyResult;
import io.sage4j.accuracy.Candidate;
import io.sage4j.accuracy.Evaluator;
import io.sage4j.accuracy.GateReport;
import io.sage4j.accuracy.GateThresholds;
import io.sage4j.accuracy.GateTable;
import io.sage4j.accuracy.SizeProfile;
import io.sage4j.accuracy.Thresholds;
import io.sage4j.accuracy.Workload;
import io.sage4j.accuracy.WorkloadData;
import io.sage4j.accuracy.WorkloadInfo;
import io.sage4j.reference.attention.ErrorStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sage4j accuracy}: reference algorithms and their ablation variants × seeded workloads against exact float64
 * attention, judged by the checked-in gate thresholds, plus the papers' ablation orders.
 */
@Command(name = "accuracy",
        mixinStandardHelpOptions = true,
        versionProvider = Sage4jVersion.class,
        description = {
            "Measure attention algorithms against exact float64 attention on seeded workloads and apply the accuracy gate.",
            "%nEvery algorithm runs on every workload; the mean over heads of cosSim, relL1 and RMSE must meet the "
                    + "checked-in thresholds of the size profile, and the papers' ablations (smoothing, INT8 granularity, "
                    + "NVFP4 vs MXFP4) must order as the papers found. Prints a progress line per workload on stderr "
                    + "(a live bar on a terminal) and the tables on stdout. Use --list for the names."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every result within its thresholds and every ablation in the papers' order",
            "1:the gate failed, or the run failed",
            "2:usage error"})
public final class AccuracyCommand implements Callable<Integer> {
    /** Value of the JSON document's {@code tool} member. */
    public static final String TOOL = "sage4j accuracy";

    @Spec
    CommandSpec spec;

    @Option(names = "--algorithm", paramLabel = "NAME", split = ",", defaultValue = "all",
            description = "Algorithms to measure, comma-separated, or all (default). Names: exact, sage2-int8, "
                    + "sage3-fp4 and their ablation variants; --list describes them.")
    List<String> algorithms;

    @Option(names = "--workload", paramLabel = "NAME", split = ",", defaultValue = "all",
            description = "Workloads, comma-separated, or all (default); --list describes them.")
    List<String> workloads;

    @Option(names = "--size", paramLabel = "PROFILE", defaultValue = "full",
            description = "Size profile: full (default; N=4096, D=128 for the headline workloads) or ci (the test "
                    + "suite's small shapes). Each has its own thresholds.")
    String size;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of every workload's tensors (default: ${DEFAULT-VALUE}, the one CI uses).")
    long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "Algorithms run in parallel (default: the available processors).")
    Integer threads;

    @Option(names = "--thresholds", paramLabel = "FILE",
            description = "Judge by this thresholds file instead of the checked-in one of the size profile (same "
                    + "format: <algorithm>.<workload>.minCosSim|maxRelL1|maxRmse).")
    Path thresholdsFile;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the results as JSON to FILE (written whole or not at all; parent directories are "
                    + "created).")
    Path json;

    @Option(names = "--list", description = "List the algorithms and workloads with descriptions, and exit.")
    boolean list;

    @Option(names = "--no-progress", description = "Print no progress on stderr.")
    boolean noProgress;

    @Option(names = "--progress",
            description = "Draw the live progress bar even when stderr is not a terminal (also: " + TerminalProgress.ENV
                    + "=1).")
    boolean forceProgress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            out.print(listing());
            out.flush();
            return 0;
        }
        if (noProgress && forceProgress) {
            throw new ParameterException(spec.commandLine(), "--progress and --no-progress are mutually exclusive");
        }
        SizeProfile profile;
        try {
            profile = SizeProfile.byName(size);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "unknown --size '" + size + "'; valid: "
                    + SizeProfile.validNames());
        }
        List<AccuracyAlgorithm> chosenAlgorithms = select("--algorithm", algorithms, AccuracyAlgorithm.values(),
                AccuracyAlgorithm::cliName);
        List<Workload> chosenWorkloads = select("--workload", workloads, Workload.values(), Workload::cliName);
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be >= 1, got " + threadCount);
        }
        if (json != null) {
            try {
                AtomicFiles.prepareParent(json);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot write --json " + json + ": " + describe(e), e);
            }
        }

        AccuracyGate gate;
        if (thresholdsFile == null) {
            gate = AccuracyGate.bundled(profile);
        } else {
            String where = thresholdsFile.toAbsolutePath().normalize().toString();
            try {
                gate = new AccuracyGate(profile, GateThresholds.parse(where,
                        Files.readString(thresholdsFile, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read --thresholds " + where + ": "
                        + describe(e), e);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--thresholds: " + e.getMessage(), e);
            }
        }
        List<Candidate> candidates = chosenAlgorithms.stream().map(AccuracyAlgorithm::candidate).toList();
        Instant startedAt = Instant.now();
        out.printf(Locale.ROOT, "sage4j accuracy: %d algorithm%s x %d workload%s, %s profile, seed %d, %d thread%s%n",
                candidates.size(), candidates.size() == 1 ? "" : "s", chosenWorkloads.size(),
                chosenWorkloads.size() == 1 ? "" : "s", profile.cliName(), seed, threadCount, threadCount == 1 ? "" : "s");
        out.println("thresholds: " + gate.thresholds().source());
        out.println();
        out.flush();

        long start = System.nanoTime();
        GateReport report;
        try (Evaluator evaluator = new Evaluator(threadCount);
             ProgressListener listener = new ProgressListener(err, progressMode())) {
            report = gate.run(seed, chosenWorkloads, candidates, evaluator, listener);
        } catch (IllegalArgumentException | IllegalStateException e) {
            out.flush();
            err.println("sage4j accuracy: " + e.getMessage());
            err.flush();
            return 1;
        }
        long nanos = System.nanoTime() - start;

        out.print(GateTable.format(report));
        out.printf(Locale.ROOT, "wall time %.1f s%n", nanos / 1e9);
        if (json != null) {
            try {
                AtomicFiles.writeString(json, render(report, startedAt, nanos, threadCount));
            } catch (IOException e) {
                out.flush();
                err.println("sage4j accuracy: cannot write " + json + ": " + describe(e));
                err.flush();
                return 1;
            }
            out.println("results written to " + json.toAbsolutePath().normalize());
        }
        out.flush();
        return report.passed() ? 0 : 1;
    }

    /** The chosen values, in catalogue order; "all" (alone) chooses every one. Unknown names list the valid ones. */
    private <T> List<T> select(String option, List<String> names, T[] all, Function<T, String> nameOf) {
        List<String> valid = Arrays.stream(all).map(nameOf).toList();
        Set<String> wanted = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String raw : names) {
            String n = raw.strip();
            if (n.isEmpty()) {
                continue;
            }
            if (n.equals("all")) {
                wanted.addAll(valid);
            } else if (valid.contains(n)) {
                wanted.add(n);
            } else {
                unknown.add(n);
            }
        }
        if (!unknown.isEmpty() || wanted.isEmpty()) {
            throw new ParameterException(spec.commandLine(), (unknown.isEmpty()
                    ? option + " names nothing"
                    : "unknown name" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown) + " for " + option)
                    + "; valid: all, " + String.join(", ", valid));
        }
        return Arrays.stream(all).filter(x -> wanted.contains(nameOf.apply(x))).toList();
    }

    private static String listing() {
        TextTable algorithms = new TextTable("algorithm", "what it is");
        for (AccuracyAlgorithm a : AccuracyAlgorithm.values()) {
            algorithms.row(a.cliName(), a.description());
        }
        TextTable workloads = new TextTable("workload", "ci shape", "full shape", "what it is");
        for (Workload w : Workload.values()) {
            workloads.row(w.cliName(), w.generate(SizeProfile.CI, 1).describeShape(),
                    w.generate(SizeProfile.FULL, 1).describeShape(), w.description());
        }
        return algorithms + System.lineSeparator() + workloads;
    }

    private ProgressMode progressMode() {
        if (noProgress) {
            return ProgressMode.NONE;
        }
        return TerminalProgress.live(forceProgress) ? ProgressMode.BAR : ProgressMode.LINES;
    }

    private enum ProgressMode { NONE, LINES, BAR }

    /** A live bar per workload (or nothing while it runs), and a line when it finishes. */
    private static final class ProgressListener implements AccuracyGate.Listener, AutoCloseable {
        private final PrintWriter err;
        private final ProgressMode mode;
        private volatile LiveProgress bar;  // read by pool threads in progress()

        ProgressListener(PrintWriter err, ProgressMode mode) {
            this.err = err;
            this.mode = mode;
        }

        @Override
        public void workloadStarted(int index, int count, WorkloadData data, long totalWork) {
            bar = new LiveProgress(err, index, count, data.workload(), totalWork, mode == ProgressMode.BAR);
        }

        @Override
        public void progress(long work) {
            LiveProgress b = bar;
            if (b != null) {
                b.accept(work);
            }
        }

        @Override
        public void workloadFinished(int index, int count, List<AccuracyResult> results, long nanos) {
            close();
            if (mode == ProgressMode.NONE) {
                return;
            }
            long failed = results.stream().filter(r -> !r.passed()).count();
            String name = results.isEmpty() ? "" : results.getFirst().workload();
            err.println(String.format(Locale.ROOT, "%s %-" + ProgressBar.NAME_WIDTH + "s %d algorithm%s, %d outside "
                            + "thresholds, %.1f s  %s", ProgressBar.position(index, count), name, results.size(),
                    results.size() == 1 ? "" : "s", failed, nanos / 1e9, failed == 0 ? "ok" : "FAIL"));
            err.flush();
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /** The JSON document of a run: environment, verdict, one object per result, the ablations, the failures. */
    static String render(GateReport report, Instant startedAt, long nanos, int threadCount) {
        JsonWriter w = new JsonWriter().beginObject()
                .member("tool", TOOL)
                .member("version", Sage4jVersion.version())
                .member("timestamp", startedAt.toString())
                .member("java.version", System.getProperty("java.version"))
                .member("availableProcessors", Runtime.getRuntime().availableProcessors())
                .member("threads", threadCount)
                .member("profile", report.profile().cliName())
                .member("seed", report.seed())
                .member("thresholds", report.thresholdsSource())
                .member("wallSeconds", nanos / 1e9)
                .member("passed", report.passed());
        w.name("results").beginArray();
        for (AccuracyResult r : report.results()) {
            WorkloadInfo info = r.instance();
            ErrorStats mean = r.summary().mean();
            ErrorStats worst = r.summary().worst();
            w.beginObject()
                    .member("algorithm", r.algorithm())
                    .member("workload", r.workload());
            w.name("shape").beginObject()
                    .member("batch", info.shape().batch())
                    .member("heads", info.shape().heads())
                    .member("kvHeads", info.shape().kvHeads())
                    .member("tokensQ", info.shape().tokensQ())
                    .member("tokensK", info.shape().tokensK())
                    .member("headDim", info.shape().headDim())
                    .member("layout", info.layout().name())
                    .member("causal", info.causal());
            w.name("sequenceLengths").beginArray();
            for (int n : info.sequenceLengths()) {
                w.value(n);
            }
            w.endArray().member("text", info.text()).endObject();
            w.member("seed", info.seed())
                    .member("heads", r.summary().count())
                    .member("cosSim", mean.cosSim())
                    .member("relL1", mean.relL1())
                    .member("rmse", mean.rmse())
                    .member("maxAbs", worst.maxAbs())
                    .member("worstCosSim", worst.cosSim())
                    .member("worstRelL1", worst.relL1())
                    .member("worstRmse", worst.rmse());
            Thresholds t = r.thresholds();  // null for a known failure: the threshold fields are then null
            w.member("minCosSim", t == null ? Double.NaN : t.minCosSim())
                    .member("maxRelL1", t == null ? Double.NaN : t.maxRelL1())
                    .member("maxRmse", t == null ? Double.NaN : t.maxRmse())
                    .member("knownFailure", r.knownFailure())
                    .member("status", r.status().name().toLowerCase(Locale.ROOT))
                    .member("pass", r.passed());
            w.name("violations").beginArray();
            for (String v : r.violations()) {
                w.value(v);
            }
            w.endArray().member("seconds", r.nanos() / 1e9).endObject();
        }
        w.endArray();
        w.name("ablations").beginArray();
        for (AblationVerdict v : report.ablations()) {
            w.beginObject()
                    .member("title", v.ablation().title())
                    .member("paper", v.ablation().paper())
                    .member("workload", v.ablation().workload().cliName());
            w.name("worseToBetter").beginArray();
            for (AccuracyResult r : v.steps()) {
                w.beginObject()
                        .member("algorithm", r.algorithm())
                        .member("cosSim", r.summary().mean().cosSim())
                        .member("relL1", r.summary().mean().relL1())
                        .member("rmse", r.summary().mean().rmse())
                        .endObject();
            }
            w.endArray().member("ordered", v.ordered());
            w.name("reversals").beginArray();
            for (String s : v.reversals()) {
                w.value(s);
            }
            w.endArray().endObject();
        }
        w.endArray();
        w.name("failures").beginArray();
        for (String f : report.failures()) {
            w.value(f);
        }
        return w.endArray().endObject().toJson();
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
