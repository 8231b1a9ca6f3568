package io.sage4j.cuda;

import java.util.Optional;

/** Why a CUDA backend cannot run here: its kernels were not built, there is no driver, or the device is too old. */
public final class KernelAvailability {
    private KernelAvailability() {}

    /**
     * Empty when the fatbin {@code /cuda/<module>/<fatbin>.fatbin} exists, the driver works, and device 0
     * has compute capability ≥ {@code minMajor}.0; otherwise the reason.
     */
    public static Optional<String> unavailableReason(Class<?> anchor, String module, String fatbin, int minMajor) {
        if (KernelImage.find(anchor, module, fatbin).isEmpty()) {
            return Optional.of("no kernels built (the jar was built without nvcc)");
        }
        CudaDriver.Availability a = CudaDriver.availability();
        if (!a.available()) {
            return Optional.of(a.reason());
        }
        CudaDevice device = CudaDevice.get(0);
        if (device.major() < minMajor) {
            return Optional.of("needs compute capability " + minMajor + ".0 or newer, device 0 is " + device);
        }
        return Optional.empty();
    }

    /** Loads a module's fatbin into the current context, or fails saying no kernels were built. */
    public static CudaModule load(Class<?> anchor, String module, String fatbin) {
        byte[] image = KernelImage.find(anchor, module, fatbin)
                .orElseThrow(() -> new IllegalStateException(module + ": no kernels built (the jar was built without nvcc)"));
        return CudaModule.load(image, module + "/" + fatbin);
    }
}
