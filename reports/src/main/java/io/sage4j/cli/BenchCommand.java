package io.sage4j.cli;

import io.sage4j.cuda.CudaContext;
import io.sage4j.int8cuda.Int8CudaAttentionBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sage4j bench --backend int8-cuda}: attention TOPS, kernel-only and whole call. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Attention throughput of a GPU backend: TOPS = 4·B·H·N²·D / t (halved for causal), CUDA events, "
                + "median of repeats after warm-up; kernel-only (pre-quantized inputs) and whole call (fp32 in, "
                + "quantization included). Peers: perf/peers/sdpa_peers.py in the same device call.")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--backend", required = true, paramLabel = "NAME", description = "int8-cuda.")
    String backend;

    @Option(names = "--batch", defaultValue = "4", description = "B (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--heads", defaultValue = "32", description = "H (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--head-dim", split = ",", defaultValue = "64,128", description = "Head dims (default: ${DEFAULT-VALUE}).")
    List<Integer> headDims;

    @Option(names = "--seq", split = ",", defaultValue = "1024,2048,4096,8192,16384",
            description = "Sequence lengths (default: ${DEFAULT-VALUE}).")
    List<Integer> seqLens;

    @Option(names = "--causal", defaultValue = "both", description = "yes, no or both (default: ${DEFAULT-VALUE}).")
    String causal;

    @Option(names = "--repeats", defaultValue = "20", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the rows as JSON to FILE.")
    Path json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Boolean> causals = switch (causal) {
            case "both" -> List.of(false, true);
            case "yes" -> List.of(true);
            case "no" -> List.of(false);
            default -> throw new ParameterException(spec.commandLine(), "--causal must be yes, no or both, got " + causal);
        };
        if (!"int8-cuda".equals(backend)) {
            throw new ParameterException(spec.commandLine(), "--backend: only int8-cuda has an attention kernel yet, got " + backend);
        }
        for (int d : headDims) {
            if (d != 64 && d != 128) {
                throw new ParameterException(spec.commandLine(), "--head-dim must be 64 or 128, got " + d);
            }
        }
        Optional<String> reason = GpuBackends.find(backend).orElseThrow().unavailableReason().get();
        if (reason.isPresent()) {
            spec.commandLine().getErr().println("sage4j bench: backend " + backend + " cannot run here: " + reason.get());
            return 1;
        }
        Instant startedAt = Instant.now();
        try (CudaContext context = CudaContext.open(0); GpuSession session = GpuSession.open(backend)) {
            List<Int8CudaAttentionBench.Row> rows = Int8CudaAttentionBench.run(session.attention(), batch, heads, headDims,
                    seqLens, causals, warmup, repeats);
            String device = context.device().toString();
            out.println(backend + " attention on " + device + ", B=" + batch + ", H=" + heads + ", fp32 in, median of " + repeats);
            TextTable t = new TextTable(">hd", "causal", ">N", "kind", ">median ms", ">min ms", ">max ms", ">TOPS");
            for (Int8CudaAttentionBench.Row r : rows) {
                t.row(r.headDim(), r.causal() ? "yes" : "no", r.seqLen(), r.kind(),
                        String.format(Locale.ROOT, "%.3f", r.timing().medianMs()), String.format(Locale.ROOT, "%.3f", r.timing().minMs()),
                        String.format(Locale.ROOT, "%.3f", r.timing().maxMs()), String.format(Locale.ROOT, "%.1f", r.tops()));
            }
            out.print(t);
            if (json != null) {
                JsonWriter w = new JsonWriter().beginArray();
                for (Int8CudaAttentionBench.Row r : rows) {
                    w.beginObject().member("backend", backend).member("device", device).member("timestamp", startedAt.toString())
                            .member("batch", r.batch()).member("heads", r.heads()).member("headDim", r.headDim())
                            .member("seqLen", r.seqLen()).member("causal", r.causal()).member("kind", r.kind())
                            .member("medianMs", r.timing().medianMs()).member("minMs", r.timing().minMs())
                            .member("maxMs", r.timing().maxMs()).member("tops", r.tops()).endObject();
                }
                try {
                    AtomicFiles.writeString(json, w.endArray().toJson());
                } catch (IOException e) {
                    spec.commandLine().getErr().println("sage4j bench: cannot write " + json + ": " + e.getMessage());
                    return 1;
                }
            }
        }
        out.flush();
        return 0;
    }
}
