package io.sage4j.cli;

import io.sage4j.Backends;
import io.sage4j.cuda.CudaDevice;
import io.sage4j.cuda.CudaDriver;
import io.sage4j.cuda.KernelImage;
import io.sage4j.spi.AttentionBackend;
import io.sage4j.spi.Availability;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sage4j backends}: the CUDA runtime and kernel modules (what each was built for), then every attention backend
 * registered through the {@code io.sage4j.spi.AttentionBackend} service, in the order automatic selection tries them,
 * available or not, with the reason and its capabilities.
 */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List every backend, whether it can run here and why not, its capabilities and priority, and the"
                + " targets the CUDA kernels were built for.")
public final class BackendsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CudaDriver.Availability cuda = CudaDriver.availability();
        out.println("CUDA: " + (cuda.available() ? cuda.reason() : "unavailable — " + cuda.reason()));
        if (cuda.available()) {
            for (int i = 0; i < cuda.deviceCount(); i++) {
                out.println("  device " + i + ": " + CudaDevice.get(i));
            }
        }
        out.println();
        TextTable table = new TextTable("backend", "available", "kernels built for", "what", "reason");
        for (GpuBackends.Backend b : GpuBackends.ALL) {
            Optional<String> reason = b.unavailableReason().get();
            Properties info = KernelImage.buildInfo(b.anchor(), b.name());
            table.row(b.name(), reason.isEmpty() ? "yes" : "no", info.getProperty("targets", "-"), b.description(),
                    reason.orElse(""));
        }
        out.print(table);
        out.println();
        out.println("Attention backends (ServiceLoader; automatic selection takes the first available one that supports the call):");
        TextTable attention = new TextTable(">priority", "backend", "available", "capabilities", "reason / runs on");
        for (AttentionBackend b : Backends.all()) {
            Availability a = b.availability();
            attention.row(b.priority(), b.name(), a.available() ? "yes" : "no", b.capabilities().summary(), a.reason());
        }
        out.print(attention);
        out.flush();
        return 0;
    }
}
