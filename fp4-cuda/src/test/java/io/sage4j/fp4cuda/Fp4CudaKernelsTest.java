package io.sage4j.fp4cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.cuda.CudaDriver;
import io.sage4j.cuda.KernelImage;
import org.junit.jupiter.api.Test;

class Fp4CudaKernelsTest {

    @Test
    void unavailabilityAlwaysComesWithAReason() {
        if (!CudaDriver.isAvailable()) {
            assertTrue(Fp4CudaKernels.unavailableReason().filter(r -> !r.isBlank()).isPresent());
        }
    }

    @Test
    void fatbinsCoverHopperAndBothBlackwellsWhenBuilt() {
        boolean fatbin = KernelImage.find(Fp4CudaKernels.class, Fp4CudaKernels.NAME, Fp4CudaKernels.QUANTIZERS).isPresent();
        var info = KernelImage.buildInfo(Fp4CudaKernels.class, Fp4CudaKernels.NAME);
        assertTrue(fatbin == !info.isEmpty());
        if (fatbin) {
            String targets = info.getProperty("targets");
            assertTrue(targets.contains("sm_90a") && targets.contains("sm_100a") && targets.contains("sm_120a"), targets);
            assertTrue(info.getProperty("kernel.quant_nvfp4.flags").contains("-fmad=false"));
        }
    }

    @Test
    void transposeForTheReferenceMovesTokensAlongChannelsAndPadsWithZeros() {
        float[] v = {1, 2, 3, 4, 5, 6};  // 1 head, 3 tokens, 2 channels
        assertArrayEquals(new float[] {1, 3, 5, 0, 2, 4, 6, 0}, Fp4CudaVerification.transpose(v, 1, 3, 2, 4));
    }
}
