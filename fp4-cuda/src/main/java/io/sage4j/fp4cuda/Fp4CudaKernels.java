package io.sage4j.fp4cuda;

import io.sage4j.cuda.CudaModule;
import io.sage4j.cuda.KernelAvailability;
import java.util.Optional;

/**
 * The fp4-cuda kernels and whether they can run here: built for sm_90a (FP4 stored, computed through
 * FP16), sm_100a and sm_120a (native block-scaled FP4). Hopper is the oldest architecture it targets.
 */
public final class Fp4CudaKernels {
    /** The backend's name. */
    public static final String NAME = "fp4-cuda";
    static final String QUANTIZERS = "quant_nvfp4";

    private Fp4CudaKernels() {}

    /** Why the backend cannot run here, or empty when it can (kernels built, driver, device 0 of sm_90+). */
    public static Optional<String> unavailableReason() {
        return KernelAvailability.unavailableReason(Fp4CudaKernels.class, NAME, QUANTIZERS, 9);
    }

    /** Loads the quantizer module into the current context. */
    public static CudaModule loadQuantizers() {
        return KernelAvailability.load(Fp4CudaKernels.class, NAME, QUANTIZERS);
    }
}
