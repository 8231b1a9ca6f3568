package io.sage4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.accuracy.AccuracyAlgorithm;
import io.sage4j.accuracy.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sage4j accuracy} end to end at CI sizes: the table, the JSON, exit codes, and name errors. */
class AccuracyCommandTest {
    record Run(int exitCode, String out, String err) {}

    static Run sage4j(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Sage4j());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void passingRunPrintsTheTableAndWritesTheJson(@TempDir Path tmp) throws IOException {
        Path json = tmp.resolve("out/accuracy.json");
        Run run = sage4j("accuracy", "--size", "ci", "--algorithm", "sage2-int8,exact", "--workload", "gaussian,varlen",
                "--threads", "2", "--json", json.toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("sage4j accuracy: 2 algorithms x 2 workloads, ci profile, seed 1"), run.out());
        assertTrue(run.out().contains("GATE PASSED: 4 results within thresholds"), run.out());
        assertTrue(run.out().matches("(?s).*\\ngaussian +exact +1\\.000000 .* pass\\R.*"), run.out());
        assertTrue(run.out().contains("varlen[1,37,128,300,64] Hq=2 Hkv=2 D=128 NHD causal"), run.out());
        // Not a terminal: one line per finished workload, no carriage returns.
        assertTrue(run.err().contains("[1/2] gaussian           2 algorithms, 0 outside thresholds"), run.err());
        assertFalse(run.err().contains("\r"), run.err());

        Map<?, ?> doc = (Map<?, ?>) MiniJson.parse(Files.readString(json));
        assertEquals(AccuracyCommand.TOOL, doc.get("tool"));
        assertEquals("ci", doc.get("profile"));
        assertEquals(1L, doc.get("seed"));
        assertEquals(true, doc.get("passed"));
        List<?> results = (List<?>) doc.get("results");
        assertEquals(4, results.size());
        Map<?, ?> first = (Map<?, ?>) results.getFirst();
        assertEquals("exact", first.get("algorithm"));  // catalogue order, not command-line order
        assertEquals("gaussian", first.get("workload"));
        for (String key : List.of("cosSim", "relL1", "rmse", "maxAbs", "minCosSim", "maxRelL1", "maxRmse")) {
            assertTrue(first.get(key) instanceof Double, key + " in " + first);
        }
        assertEquals(true, first.get("pass"));
        Map<?, ?> shape = (Map<?, ?>) first.get("shape");
        assertEquals(512L, shape.get("tokensQ"));
        assertEquals(128L, shape.get("headDim"));
        assertEquals("HND", shape.get("layout"));
        Map<?, ?> varlen = (Map<?, ?>) ((Map<?, ?>) results.get(3)).get("shape");
        assertEquals(List.of(1L, 37L, 128L, 300L, 64L), varlen.get("sequenceLengths"));
        assertEquals(List.of(), doc.get("failures"));
    }

    @Test
    void aResultOutsideItsThresholdsFailsWithExitCode1(@TempDir Path tmp) throws IOException {
        Path strict = tmp.resolve("strict.properties");
        // SageAttention2 cannot reach cosSim 1 on gaussian inputs.
        Files.writeString(strict, "sage2-int8.gaussian.minCosSim = 1\nsage2-int8.gaussian.maxRelL1 = 1\n"
                + "sage2-int8.gaussian.maxRmse = 1\n");
        Path json = tmp.resolve("fail.json");
        Run run = sage4j("accuracy", "--size", "ci", "--algorithm", "sage2-int8", "--workload", "gaussian",
                "--thresholds", strict.toString(), "--no-progress", "--json", json.toString());

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("GATE FAILED: 1 failure"), run.out());
        assertTrue(run.out().contains("sage2-int8 on gaussian: cosSim 0.99"), run.out());
        assertEquals("", run.err(), "--no-progress prints nothing on stderr");
        Map<?, ?> doc = (Map<?, ?>) MiniJson.parse(Files.readString(json));
        assertEquals(false, doc.get("passed"));
        Map<?, ?> r = (Map<?, ?>) ((List<?>) doc.get("results")).getFirst();
        assertEquals(false, r.get("pass"));
        assertEquals(1.0, r.get("minCosSim"));
    }

    @Test
    void unknownNamesAreUsageErrorsListingTheValidOnes() {
        Run alg = sage4j("accuracy", "--algorithm", "sage2-int8,sage9");
        assertEquals(2, alg.exitCode());
        assertTrue(alg.err().contains("unknown name sage9 for --algorithm; valid: all, "
                + AccuracyAlgorithm.validNames()), alg.err());

        Run wl = sage4j("accuracy", "--workload", "gauss");
        assertEquals(2, wl.exitCode());
        assertTrue(wl.err().contains("unknown name gauss for --workload; valid: all, " + Workload.validNames()), wl.err());

        Run size = sage4j("accuracy", "--size", "huge");
        assertEquals(2, size.exitCode());
        assertTrue(size.err().contains("unknown --size 'huge'; valid: ci, full"), size.err());

        Run threads = sage4j("accuracy", "--threads", "0");
        assertEquals(2, threads.exitCode());
        assertTrue(threads.err().contains("--threads must be >= 1, got 0"), threads.err());
    }

    @Test
    void aThresholdsFileWithoutTheChosenPairFailsBeforeRunning(@TempDir Path tmp) throws IOException {
        Path partial = tmp.resolve("partial.properties");
        Files.writeString(partial, "exact.gaussian.minCosSim = 0.9\nexact.gaussian.maxRelL1 = 1\nexact.gaussian.maxRmse = 1\n");
        Run run = sage4j("accuracy", "--size", "ci", "--algorithm", "sage3-fp4", "--workload", "gaussian",
                "--thresholds", partial.toString(), "--no-progress");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no gate thresholds for algorithm sage3-fp4 on workload gaussian in "), run.err());
    }

    @Test
    void listNamesEveryAlgorithmAndWorkload() {
        Run run = sage4j("accuracy", "--list");
        assertEquals(0, run.exitCode(), run.err());
        for (AccuracyAlgorithm a : AccuracyAlgorithm.values()) {
            assertTrue(run.out().contains(a.cliName() + " "), a.cliName());
        }
        for (Workload w : Workload.values()) {
            assertTrue(run.out().contains(w.cliName() + " "), w.cliName());
        }
        assertTrue(run.out().contains("B=1 Hq=2 Hkv=2 Nq=4096 Nk=4096 D=128 HND"), run.out());
    }
}
