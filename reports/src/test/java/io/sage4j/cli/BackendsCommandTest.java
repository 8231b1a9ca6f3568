package io.sage4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code sage4j backends} lists the CUDA modules and every registered attention backend with its capabilities. */
class BackendsCommandTest {
    @Test
    void listsTheCudaModulesAndEveryRegisteredAttentionBackend() {
        VerifyFormatsCommandTest.Run run = VerifyFormatsCommandTest.sage4j("backends");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("int8-cuda") && out.contains("fp4-cuda"), out);
        assertTrue(out.contains("Attention backends"), out);
        int vector = out.indexOf("cpu-vector");
        int reference = out.indexOf("cpu-reference");
        assertTrue(vector >= 0 && reference > vector, "cpu-vector listed before cpu-reference:\n" + out);
        assertTrue(out.contains("sage2-int8, sage3-fp4, exact; D 32..256 step 16"), out);
        assertTrue(out.contains("pure Java, runs anywhere"), out);
    }
}
