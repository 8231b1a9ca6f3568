package io.sage4j.cli;

import io.sage4j.cuda.CudaContext;
import io.sage4j.cuda.DeviceConversionCheck;
import io.sage4j.int8cuda.Int8CudaAttentionCheck;
import io.sage4j.reference.golden.ExhaustiveCheck;
import io.sage4j.reference.golden.GoldenMap;
import io.sage4j.verify.VerificationResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sage4j verify --backend NAME}: the backend's device conversions over all 2^32 float32 inputs against
 * the golden map, then its quantizers against the Java reference, byte for byte, over seeded random and
 * adversarial cases (verification ladder, levels 1 and 2 on the device).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a GPU backend against the reference: its device conversions over all 2^32 inputs, "
                + "then its quantizers byte for byte over seeded random and adversarial cases.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:everything matched", "1:a mismatch, or the backend cannot run here", "2:usage error"})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--backend", required = true, paramLabel = "NAME", description = "int8-cuda or fp4-cuda.")
    String backend;

    @Option(names = "--cases", paramLabel = "N", defaultValue = "10000",
            description = "Cases per quantizer (default: ${DEFAULT-VALUE}).")
    int cases;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "20261126", description = "Seed of the cases (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--skip-conversions", description = "Skip the exhaustive device conversion check.")
    boolean skipConversions;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Option(names = "--progress", description = "Draw the live progress bar even when stderr is not a terminal.")
    boolean forceProgress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GpuBackends.Backend b = GpuBackends.find(backend).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "unknown backend '" + backend + "'; known: " + String.join(", ", GpuBackends.names())));
        if (cases <= 0) {
            throw new ParameterException(spec.commandLine(), "--cases must be > 0, got " + cases);
        }
        Optional<String> reason = b.unavailableReason().get();
        if (reason.isPresent()) {
            err.println("sage4j verify: backend " + b.name() + " cannot run here: " + reason.get());
            return 1;
        }
        boolean live = TerminalProgress.live(forceProgress);
        Instant startedAt = Instant.now();
        List<ExhaustiveCheck.Result> conversions = new ArrayList<>();
        boolean controlDetected = true;
        List<VerificationResult> quantizers;
        String device;
        List<Int8CudaAttentionCheck.Row> attention = List.of();
        try (CudaContext context = CudaContext.open(0); GpuSession session = GpuSession.open(b.name())) {
            device = context.device().toString();
            out.println("backend " + b.name() + " on " + device);
            out.flush();
            if (!skipConversions) {
                GoldenMap golden = GoldenMap.bundled();
                List<DeviceConversionCheck.Conversion> list = DeviceConversionCheck.CONVERSIONS;
                for (int i = 0; i < list.size(); i++) {
                    ExhaustiveCheck.Result r;
                    try (LiveProgress p = new LiveProgress(err, i + 1, list.size(), list.get(i).name(), 1L << 32, live)) {
                        r = DeviceConversionCheck.run(session.module(), list.get(i), golden, p);
                    }
                    err.println(ProgressBar.finished(i + 1, list.size(), r.name(), r.inputs(), r.mismatches(), r.nanos()));
                    err.flush();
                    conversions.add(r);
                }
                ExhaustiveCheck.Result control = DeviceConversionCheck.run(session.module(),
                        DeviceConversionCheck.NEGATIVE_CONTROL, golden, done -> {});
                controlDetected = control.mismatches() > 0;
                out.println();
                out.println("Device conversions (the functions the kernels use) over all 2^32 float32 inputs:");
                out.print(ResultTable.format(conversions));
                out.print(ResultTable.summary(conversions));
                out.println(control.name() + ": " + ResultTable.thousands(control.mismatches()) + " mismatches "
                        + (controlDetected ? "(expected: the check sees differences)" : "— NONE: the device check is blind"));
                out.println();
                out.flush();
            }
            try (LiveProgress p = new LiveProgress(err, 1, 1, "quantizer cases", cases, live)) {
                quantizers = session.verify(cases, seed, i -> p.accept(1));
            }
            if (session.attention() != null) {
                attention = Int8CudaAttentionCheck.run(session.attention(), seed);
            }
        }
        out.println("Quantizers against the Java reference, byte for byte (seed " + seed + "):");
        TextTable table = new TextTable("GPU quantizer", "reference", ">cases", ">arrays", ">bytes compared", ">mismatches", ">time (s)");
        for (VerificationResult r : quantizers) {
            table.row(r.quantizer(), r.reference(), ResultTable.thousands(r.cases()), ResultTable.thousands(r.arrays()),
                    ResultTable.thousands(r.bytes()), ResultTable.thousands(r.mismatches()),
                    String.format(Locale.ROOT, "%.1f", r.nanos() / 1e9));
        }
        out.print(table);
        boolean passed = controlDetected && conversions.stream().allMatch(ExhaustiveCheck.Result::passed)
                && quantizers.stream().allMatch(VerificationResult::passed)
                && attention.stream().allMatch(VerifyCommand::attentionMatches);
        for (VerificationResult r : quantizers) {
            for (String e : r.examples()) {
                out.println("  mismatch: " + e);
            }
        }
        if (!attention.isEmpty()) {
            out.println();
            out.println("Attention kernel vs the algorithm it implements (SageAttention2, sm90 config, FP32 PV) and vs exact:");
            TextTable t = new TextTable("workload", "shape [B,Hq,Hkv,Nq,Nk,D]", "causal", ">cos vs algorithm",
                    ">relL1 vs algorithm", ">max abs vs algorithm", ">cos kernel vs exact", ">cos algorithm vs exact");
            for (Int8CudaAttentionCheck.Row r : attention) {
                var sh = r.shape();
                t.row(r.workload(), "[" + sh.batch() + "," + sh.heads() + "," + sh.kvHeads() + "," + sh.tokensQ() + ","
                                + sh.tokensK() + "," + sh.headDim() + "]", r.causal() ? "yes" : "no",
                        String.format(Locale.ROOT, "%.8f", r.vsAlgorithm().cosSim()),
                        String.format(Locale.ROOT, "%.2e", r.vsAlgorithm().relL1()),
                        String.format(Locale.ROOT, "%.2e", r.vsAlgorithm().maxAbs()),
                        String.format(Locale.ROOT, "%.6f", r.kernelVsExact().cosSim()),
                        String.format(Locale.ROOT, "%.6f", r.algorithmVsExact().cosSim()));
            }
            out.print(t);
        }
        out.println(passed ? "PASSED: every conversion, quantizer output and attention check matched"
                : "FAILED: see the mismatches above");
        if (json != null) {
            try {
                AtomicFiles.writeString(json, renderJson(device, startedAt, conversions, quantizers, attention, passed));
                out.println("results written to " + json.toAbsolutePath().normalize());
            } catch (IOException e) {
                err.println("sage4j verify: cannot write " + json + ": " + e.getMessage());
                return 1;
            }
        }
        out.flush();
        return passed ? 0 : 1;
    }

    /** Smallest cosine similarity of the attention kernel against its own algorithm on the same quantized inputs. */
    static final double MIN_COS_VS_ALGORITHM = 0.99999;

    /**
     * The kernel and its algorithm share every quantized input, so their outputs differ only by float32
     * accumulation order (≤ n·2^-24 relative per sum of n ≤ 2^12 terms, i.e. a relative L2 error of a few
     * 1e-4 at worst, 1 − cos ≈ err²/2 ≈ 1e-7) and by exp2f against the reference's ex2 (≤ 2 ulp), which
     * now and then moves a P value across an E4M3 rounding boundary. Both keep 1 − cos far below 1e-5; a
     * wrong index, scale or mask costs more than 1e-3. The kernel must also be as close to exact attention
     * as the algorithm is, within the same 1e-5.
     */
    static boolean attentionMatches(Int8CudaAttentionCheck.Row r) {
        return r.vsAlgorithm().cosSim() >= MIN_COS_VS_ALGORITHM
                && r.kernelVsExact().cosSim() >= r.algorithmVsExact().cosSim() - (1 - MIN_COS_VS_ALGORITHM);
    }

    private String renderJson(String device, Instant startedAt, List<ExhaustiveCheck.Result> conversions,
                              List<VerificationResult> quantizers, List<Int8CudaAttentionCheck.Row> attention,
                              boolean passed) {
        JsonWriter w = new JsonWriter().beginObject()
                .member("tool", "sage4j verify")
                .member("version", Sage4jVersion.version())
                .member("timestamp", startedAt.toString())
                .member("backend", backend)
                .member("device", device)
                .member("seed", seed)
                .member("casesPerQuantizer", cases)
                .member("passed", passed);
        w.name("conversions").beginArray();
        for (ExhaustiveCheck.Result r : conversions) {
            w.beginObject().member("name", r.name()).member("oracle", r.oracle()).member("inputs", r.inputs())
                    .member("mismatches", r.mismatches()).member("seconds", r.nanos() / 1e9).endObject();
        }
        w.endArray();
        w.name("quantizers").beginArray();
        for (VerificationResult r : quantizers) {
            w.beginObject().member("quantizer", r.quantizer()).member("reference", r.reference())
                    .member("cases", r.cases()).member("arrays", r.arrays()).member("bytes", r.bytes())
                    .member("mismatches", r.mismatches()).member("seconds", r.nanos() / 1e9);
            w.name("examples").beginArray();
            r.examples().forEach(w::value);
            w.endArray().endObject();
        }
        w.endArray();
        w.name("attention").beginArray();
        for (Int8CudaAttentionCheck.Row r : attention) {
            var sh = r.shape();
            w.beginObject().member("workload", r.workload()).member("batch", sh.batch()).member("heads", sh.heads())
                    .member("kvHeads", sh.kvHeads()).member("tokensQ", sh.tokensQ()).member("tokensK", sh.tokensK())
                    .member("headDim", sh.headDim()).member("causal", r.causal())
                    .member("cosVsAlgorithm", r.vsAlgorithm().cosSim()).member("relL1VsAlgorithm", r.vsAlgorithm().relL1())
                    .member("maxAbsVsAlgorithm", r.vsAlgorithm().maxAbs()).member("cosKernelVsExact", r.kernelVsExact().cosSim())
                    .member("cosAlgorithmVsExact", r.algorithmVsExact().cosSim()).member("passed", attentionMatches(r))
                    .endObject();
        }
        w.endArray();
        return w.endObject().toJson();
    }
}
