package io.sage4j.cli;

import io.sage4j.fp4cuda.Fp4CudaKernels;
import io.sage4j.int8cuda.Int8CudaKernels;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The CUDA backends the command line knows, by name, with their availability probes. */
final class GpuBackends {
    record Backend(String name, String description, Class<?> anchor, Supplier<Optional<String>> unavailableReason) {}

    static final List<Backend> ALL = List.of(
            new Backend(Int8CudaKernels.NAME, "SageAttention2 path: INT8 QK, FP8 PV (sm_80/86/89/90a)",
                    Int8CudaKernels.class, Int8CudaKernels::unavailableReason),
            new Backend(Fp4CudaKernels.NAME, "SageAttention3 path: NVFP4 (sm_90a via FP16, sm_100a/120a native)",
                    Fp4CudaKernels.class, Fp4CudaKernels::unavailableReason));

    private GpuBackends() {}

    static List<String> names() {
        return ALL.stream().map(Backend::name).toList();
    }

    static Optional<Backend> find(String name) {
        return ALL.stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
