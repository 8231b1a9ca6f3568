package io.sage4j.int8cuda;

import io.sage4j.cuda.CudaModule;
import io.sage4j.cuda.KernelAvailability;
import java.util.Optional;

/**
 * The int8-cuda kernels and whether they can run here. The module holds one fatbin per source file,
 * built for sm_80, sm_86, sm_89 and sm_90a; the driver picks the SASS for the current device.
 */
public final class Int8CudaKernels {
    /** The backend's name. */
    public static final String NAME = "int8-cuda";
    static final String QUANTIZERS = "quant_int8";

    private Int8CudaKernels() {}

    /** Why the backend cannot run here, or empty when it can (kernels built, driver, device 0 of sm_80+). */
    public static Optional<String> unavailableReason() {
        return KernelAvailability.unavailableReason(Int8CudaKernels.class, NAME, QUANTIZERS, 8);
    }

    /** Loads the quantizer module into the current context. */
    public static CudaModule loadQuantizers() {
        return KernelAvailability.load(Int8CudaKernels.class, NAME, QUANTIZERS);
    }
}
