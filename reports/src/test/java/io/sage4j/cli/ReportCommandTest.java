package io.sage4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sage4j report} end to end: files written, regression gate and its exit codes, bad input. */
class ReportCommandTest {
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

    static Path fixture(String name) {
        try {
            return Path.of(ReportCommandTest.class.getResource("/report/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @TempDir
    static Path tmp;
    static Path baselineData;

    /** One report from the fixtures, reused as the baseline of the regression tests. */
    @BeforeAll
    static void baseline() {
        Path dir = tmp.resolve("baseline");
        Run run = sage4j("report", "--in", fixture("good").toString(), "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("report written to " + dir.resolve("index.html").toAbsolutePath().normalize()),
                run.out());
        assertTrue(run.err().contains("note: ") && run.err().contains("notes.json: skipped"), run.err());
        baselineData = dir.resolve("report-data.json");
        for (String f : new String[] {"index.html", "summary.md", "report-data.json", "plots", "data"}) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
    }

    /** The fixtures with the H100 kernel at hd128, N=16384, non-causal made {@code factor} times as fast. */
    static Path slowerCopy(String name, double factor) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        try (var files = Files.list(fixture("good"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path bench = dir.resolve("bench-attn-h100.json");
        String text = Files.readString(bench);
        String fast = "\"kind\": \"kernel\",\n    \"medianMs\": 16.0,\n    \"minMs\": 15.84,\n    \"maxMs\": 16.16,\n"
                + "    \"tops\": 284.0";
        assertTrue(text.contains(fast), "fixture layout changed");
        Files.writeString(bench, text.replace(fast, fast.replace("\"tops\": 284.0", "\"tops\": " + 284.0 * factor)));
        return dir;
    }

    @Test
    void aFallBeyondTheSpreadFailsTheGate() throws IOException {
        Path in = slowerCopy("slower", 0.9);
        Run run = sage4j("report", "--in", in.toString(), "--out", tmp.resolve("r1").toString(), "--baseline",
                baselineData.toString(), "--fail-on-regression");
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("1 of "), run.out());
        assertTrue(run.out().contains("NVIDIA H100 80GB HBM3 — int8-cuda kernel, hd 128, non-causal, N=16384, B=4, H=32: "
                + "284.0 -> 255.6 TOPS (10.0 % worse, allowed 2.0 %)"), run.out());
        String html = Files.readString(tmp.resolve("r1/index.html"));
        assertTrue(html.contains("1 of ") && html.contains("figures fell</b>"), "regression box");
        assertTrue(html.contains("<figure class=\"plot fell\" id=\"tops-nvidia-h100-80gb-hbm3-b4-h32-hd128-noncausal\""),
                "the plot holding the figure is marked");
        assertTrue(Files.readString(tmp.resolve("r1/summary.md")).contains("**Regressions:** 1 of "));

        // Without --fail-on-regression the same comparison reports but exits 0.
        run = sage4j("report", "--in", in.toString(), "--out", tmp.resolve("r2").toString(), "--baseline",
                baselineData.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("FELL"), run.out());
    }

    @Test
    void aFallWithinTheSpreadPasses() throws IOException {
        Path in = slowerCopy("noise", 0.99);  // 1 % down; the fixture's repeats spread over 2 %
        Run run = sage4j("report", "--in", in.toString(), "--out", tmp.resolve("r3").toString(), "--baseline",
                baselineData.toString(), "--fail-on-regression");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("no figure fell against"), run.out());
    }

    @Test
    void badInputsExit2AndNameTheFile() {
        Run run = sage4j("report", "--in", fixture("bad/truncated.json").toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("sage4j report: " + fixture("bad/truncated.json") + ": not valid JSON (line 4"),
                run.err());
        assertFalse(Files.exists(tmp.resolve("x/index.html")));

        run = sage4j("report", "--in", fixture("good").toString(), "--out", tmp.resolve("y").toString(), "--baseline",
                fixture("good/bench-int8-cuda.json").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("bench-int8-cuda.json: not a report's data: expected the report-data.json"),
                run.err());

        run = sage4j("report", "--in", fixture("good").toString(), "--fail-on-regression");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--fail-on-regression needs --baseline FILE"), run.err());
    }

    @Test
    void aDirectoryWithoutResultsIsAnError() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("other.json"), "{\"hello\": 1}");
        Run run = sage4j("report", "--in", empty.toString(), "--out", tmp.resolve("z").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("holds a result the report reads"), run.err());
        assertTrue(run.err().contains("other.json: skipped"), run.err());
    }
}
