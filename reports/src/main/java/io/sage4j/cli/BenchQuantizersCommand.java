package io.sage4j.cli;

import io.sage4j.cuda.CudaContext;
import io.sage4j.cuda.KernelTimer;
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

/**
 * {@code sage4j bench-quantizers --backend NAME}: kernel-only timing of a GPU backend's quantizers (CUDA events,
 * median of repeats after warm-up), achieved bandwidth against the card's copy bandwidth measured in the same run.
 */
@Command(name = "bench-quantizers", mixinStandardHelpOptions = true,
        description = "Time a GPU backend's quantizers on resident device buffers and compare their bandwidth "
                + "with the card's device-to-device copy bandwidth, measured in the same run.")
public final class BenchQuantizersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--backend", required = true, paramLabel = "NAME", description = "int8-cuda or fp4-cuda.")
    String backend;

    @Option(names = "--heads", defaultValue = "128", description = "B·H (default: ${DEFAULT-VALUE}, i.e. B=4, H=32).")
    int heads;

    @Option(names = "--tokens", defaultValue = "4096", description = "Tokens per head (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--dim", defaultValue = "128", description = "Head dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--repeats", defaultValue = "100", description = "Timed runs per quantizer (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", defaultValue = "25",
            description = "Untimed runs first, so clocks and caches settle (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        GpuBackends.Backend b = GpuBackends.find(backend).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "unknown backend '" + backend + "'; known: " + String.join(", ", GpuBackends.names())));
        Optional<String> reason = b.unavailableReason().get();
        if (reason.isPresent()) {
            spec.commandLine().getErr().println("sage4j bench-quantizers: backend " + b.name() + " cannot run here: " + reason.get());
            return 1;
        }
        Instant startedAt = Instant.now();
        try (CudaContext context = CudaContext.open(0); GpuSession session = GpuSession.open(b.name())) {
            long copyBytes = 1L << 30;
            KernelTimer.Timing copy = KernelTimer.copy(copyBytes, warmup, repeats);
            double copyGbs = copy.gigabytesPerSecond(2 * copyBytes);
            List<GpuSession.BenchRow> rows = session.bench(heads, tokens, dim, warmup, repeats);
            out.printf(Locale.ROOT, "%s, %s; device-to-device copy of 1 GiB: %.0f GB/s (read + write, median of %d)%n",
                    b.name(), context.device(), copyGbs, repeats);
            TextTable table = new TextTable("quantizer", "input", ">MB moved", ">median ms", ">min ms", ">max ms", ">GB/s", ">% of copy");
            for (GpuSession.BenchRow r : rows) {
                double gbs = r.timing().gigabytesPerSecond(r.bytes());
                table.row(r.quantizer(), r.shape(), String.format(Locale.ROOT, "%.1f", r.bytes() / 1e6),
                        String.format(Locale.ROOT, "%.3f", r.timing().medianMs()), String.format(Locale.ROOT, "%.3f", r.timing().minMs()),
                        String.format(Locale.ROOT, "%.3f", r.timing().maxMs()), String.format(Locale.ROOT, "%.0f", gbs),
                        String.format(Locale.ROOT, "%.0f%%", 100 * gbs / copyGbs));
            }
            out.print(table);
            if (json != null) {
                JsonWriter w = new JsonWriter().beginObject().member("tool", "sage4j bench-quantizers")
                        .member("timestamp", startedAt.toString()).member("backend", b.name())
                        .member("device", context.device().toString()).member("copyGBps", copyGbs)
                        .member("repeats", repeats);
                w.name("quantizers").beginArray();
                for (GpuSession.BenchRow r : rows) {
                    w.beginObject().member("quantizer", r.quantizer()).member("input", r.shape()).member("bytes", r.bytes())
                            .member("medianMs", r.timing().medianMs()).member("minMs", r.timing().minMs())
                            .member("maxMs", r.timing().maxMs()).member("GBps", r.timing().gigabytesPerSecond(r.bytes()))
                            .endObject();
                }
                w.endArray().endObject();
                try {
                    AtomicFiles.writeString(json, w.toJson());
                } catch (IOException e) {
                    spec.commandLine().getErr().println("sage4j bench-quantizers: cannot write " + json + ": " + e.getMessage());
                    return 1;
                }
            }
        }
        out.flush();
        return 0;
    }
}
