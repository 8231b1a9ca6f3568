package io.sage4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.int8cuda.Int8CudaAttentionCheck;
import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.ErrorStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VerifyCommandTest {

    private static Int8CudaAttentionCheck.Row row(double cosVsAlgorithm, double kernelVsExact, double algorithmVsExact) {
        return new Int8CudaAttentionCheck.Row("w", AttentionShape.mha(1, 1, 64, 64, 64), false,
                new ErrorStats(cosVsAlgorithm, 0, 0, 0), new ErrorStats(kernelVsExact, 0, 0, 0),
                new ErrorStats(algorithmVsExact, 0, 0, 0));
    }

    @Test
    void attentionMustMatchItsAlgorithmAndBeAsCloseToExact() {
        assertTrue(VerifyCommand.attentionMatches(row(0.9999999, 0.99929, 0.99929)));
        assertFalse(VerifyCommand.attentionMatches(row(0.9999, 0.99929, 0.99929)), "a real bug lowers cos vs algorithm");
        assertFalse(VerifyCommand.attentionMatches(row(0.999999, 0.9990, 0.99929)), "kernel further from exact");
    }

    @Test
    void withoutAGpuTheBackendSaysWhyAndExitsOne() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Sage4j());
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("verify", "--backend", "int8-cuda", "--cases", "1");
        if (!io.sage4j.cuda.CudaDriver.isAvailable()) {
            assertEquals(1, code);
            assertTrue(err.toString().contains("cannot run here"), err.toString());
        }
    }

    @Test
    void unknownBackendIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Sage4j());
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("verify", "--backend", "nope"));
        assertTrue(err.toString().contains("int8-cuda, fp4-cuda"), err.toString());
    }
}
