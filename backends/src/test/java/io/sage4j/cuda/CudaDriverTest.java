package io.sage4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CudaDriverTest {

    @Test
    void availabilityIsProbedOnceAndAlwaysHasAReason() {
        CudaDriver.Availability a = CudaDriver.availability();
        assertSame(a, CudaDriver.availability());
        assertNotNull(a.reason());
        assertFalse(a.reason().isBlank());
        if (!a.available()) {
            assertEquals(0, a.deviceCount());
            assertThrows(IllegalStateException.class, () -> CudaDevice.get(0));
        }
    }

    @Test
    void scopeClosesEverythingNewestFirstEvenWhenOneFails() {
        List<String> closed = new ArrayList<>();
        CudaScope scope = new CudaScope();
        scope.add(() -> closed.add("a"));
        scope.add(() -> {
            closed.add("b");
            throw new IllegalStateException("b failed");
        });
        scope.add(() -> closed.add("c"));
        IllegalStateException e = assertThrows(IllegalStateException.class, scope::close);
        assertEquals("b failed", e.getMessage());
        assertEquals(List.of("c", "b", "a"), closed);
    }

    @Test
    void missingFatbinsAreReportedAsAbsent() {
        assertTrue(KernelImage.find(CudaDriverTest.class, "no-such-module", "x").isEmpty());
        assertTrue(KernelImage.buildInfo(CudaDriverTest.class, "no-such-module").isEmpty());
    }
}
