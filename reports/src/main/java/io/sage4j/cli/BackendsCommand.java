package io.sage4j.cli;

import io.sage4j.cuda.CudaDevice;
import io.sage4j.cuda.CudaDriver;
import io.sage4j.cuda.KernelImage;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sage4j backends}: every backend, available or not, with the reason and what its kernels were built for. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List every backend, whether it can run here and why not, and the targets its kernels were built for.")
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
        out.flush();
        return 0;
    }
}
