package io.sage4j.int8cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.cuda.CudaDriver;
import io.sage4j.cuda.KernelImage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Int8CudaKernelsTest {

    @Test
    void unavailabilityAlwaysComesWithAReason() {
        Optional<String> reason = Int8CudaKernels.unavailableReason();
        if (!CudaDriver.isAvailable()) {
            assertTrue(reason.isPresent(), "no driver here, so the backend must say why it is unavailable");
            assertFalse(reason.get().isBlank());
        }
    }

    @Test
    void fatbinsAreInTheJarWhenNvccBuiltThem() {
        // The build writes build-info.properties exactly when it compiled the kernels; both or neither.
        boolean fatbin = KernelImage.find(Int8CudaKernels.class, Int8CudaKernels.NAME, Int8CudaKernels.QUANTIZERS).isPresent();
        boolean info = !KernelImage.buildInfo(Int8CudaKernels.class, Int8CudaKernels.NAME).isEmpty();
        assertTrue(fatbin == info, "fatbin present: " + fatbin + ", build-info present: " + info);
        if (fatbin) {
            String targets = KernelImage.buildInfo(Int8CudaKernels.class, Int8CudaKernels.NAME).getProperty("targets");
            assertTrue(targets.contains("sm_90a") && targets.contains("sm_80") && targets.contains("sm_86")
                    && targets.contains("sm_89"), targets);
        }
    }
}
