package io.sage4j.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the report reads: one record per result file and per row of it. */
public final class Model {
    private Model() {}

    /** The kinds of result file the report recognises, with the command that writes each. */
    public enum Kind {
        ATTENTION_BENCH("attention benchmark rows (sage4j bench --json, perf/peers/sdpa_peers.py)"),
        QUANTIZER_BENCH("quantizer benchmark (sage4j bench-quantizers --json)"),
        VERIFY("backend verification (sage4j verify --json)"),
        VERIFY_FORMATS("format verification (sage4j verify-formats --json)"),
        ACCURACY("accuracy gate (sage4j accuracy --json)"),
        REPORT_DATA("data of an earlier report (report-data.json of sage4j report)"),
        JMH("JMH results (perf/target/benchmarks.jar -rf json)");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * One result file.
     *
     * @param path        where it was read
     * @param label       its name without {@code .json}: how plots and tables refer to the run
     * @param kind        what it holds
     * @param device      the device string it records (null when none, e.g. accuracy runs on the CPU reference)
     * @param timestamp   when the run started, if recorded
     * @param environment what it records of the environment (driver, CUDA, Java, commit, version, ...), in order
     */
    public record Source(Path path, String label, Kind kind, String device, Instant timestamp,
                         Map<String, String> environment) {}

    /** One timed attention configuration: a sage4j backend's (kernel or whole call) or a peer's. */
    public record AttentionRow(Source source, String backend, boolean peer, String device, int batch, int heads,
                               int headDim, int seqLen, boolean causal, String kind, double medianMs, double minMs,
                               double maxMs, double tops) {
        /** TOPS at the fastest repeat (NaN when the row has no min). */
        public double topsHigh() {
            return Double.isNaN(minMs) || minMs <= 0 ? Double.NaN : tops * medianMs / minMs;
        }

        /** TOPS at the slowest repeat (NaN when the row has no max). */
        public double topsLow() {
            return Double.isNaN(maxMs) || maxMs <= 0 ? Double.NaN : tops * medianMs / maxMs;
        }
    }

    /** A run of {@code sage4j bench-quantizers}. */
    public record QuantizerRun(Source source, String backend, String device, double copyGBps, int repeats,
                               List<QuantizerRow> quantizers) {}

    /** One quantizer of a {@link QuantizerRun}. */
    public record QuantizerRow(String quantizer, String input, long bytes, double medianMs, double minMs,
                               double maxMs, double gbps) {
        /** GB/s at the slowest repeat (NaN when absent). */
        public double gbpsLow() {
            return Double.isNaN(maxMs) || maxMs <= 0 ? Double.NaN : gbps * medianMs / maxMs;
        }

        public double gbpsHigh() {
            return Double.isNaN(minMs) || minMs <= 0 ? Double.NaN : gbps * medianMs / minMs;
        }
    }

    /** A run of {@code sage4j verify} or {@code sage4j verify-formats}. */
    public record VerifyRun(Source source, String backend, String device, boolean passed,
                            List<ConversionCheck> conversions, List<QuantizerCheck> quantizers,
                            List<AttentionCheck> attention) {}

    /** A format conversion checked against the golden map (or an oracle) over {@code inputs} float32 patterns. */
    public record ConversionCheck(String name, String oracle, long inputs, long mismatches) {}

    /** A GPU quantizer's bytes compared with the Java reference over {@code cases} random/edge cases. */
    public record QuantizerCheck(String quantizer, String reference, long cases, long bytes, long mismatches) {}

    /** An attention kernel compared with the algorithm it implements, and both with exact attention. */
    public record AttentionCheck(String workload, String shape, boolean causal, double cosVsAlgorithm,
                                 double relL1VsAlgorithm, double cosKernelVsExact, double cosAlgorithmVsExact,
                                 boolean passed) {}

    /** A run of {@code sage4j accuracy}. */
    public record AccuracyRun(Source source, String profile, long seed, String thresholds, boolean passed,
                              List<AccuracyRow> results, List<Ablation> ablations) {}

    /**
     * One algorithm on one workload against exact attention (means over heads) and the gate's thresholds
     * (NaN when the result has none, e.g. a known failure).
     */
    public record AccuracyRow(String algorithm, String workload, String shape, double cosSim, double relL1,
                              double rmse, double minCosSim, double maxRelL1, double maxRmse, String status,
                              boolean pass, String knownFailure) {}

    /** A paper's ablation: what the paper found, and whether our measurements order the same way. */
    public record Ablation(String title, String paper, String workload, List<String> algorithms,
                           List<Double> cosSim, List<Double> relL1, boolean ordered) {}
}
