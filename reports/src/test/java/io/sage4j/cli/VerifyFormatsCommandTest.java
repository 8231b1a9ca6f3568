package io.sage4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.reference.golden.GoldenMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyFormatsCommandTest {
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

    static String bundledGoldenText() throws IOException {
        try (InputStream in = GoldenMap.class.getResourceAsStream(GoldenMap.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** Slow (one 2^32 conversion, some seconds): the real thing, end to end, with its JSON. */
    @Test
    void oneConversionMatchesAndIsWrittenAsJson(@TempDir Path tmp) throws IOException {
        Path json = tmp.resolve("nested/dir/vf.json");
        Run run = sage4j("verify-formats", "--only", "e2m1_satfinite_rn", "--json", json.toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("golden map: classpath:" + GoldenMap.RESOURCE), run.out());
        assertTrue(run.out().contains(GoldenMap.bundled().header().getFirst()), run.out());
        assertTrue(run.out().contains("e2m1_satfinite_rn  golden e2m1_satfinite_rn   4,294,967,296           0"),
                run.out());
        assertTrue(run.out().contains("THE 1 CONVERSION MATCHES (4,294,967,296 inputs in total)"), run.out());
        // Not a terminal: one plain line per finished conversion on stderr, no carriage returns.
        assertTrue(run.err().contains("[1/1] e2m1_satfinite_rn    4,294,967,296 inputs, 0 mismatches"), run.err());
        assertFalse(run.err().contains("\r"), run.err());

        String text = Files.readString(json);
        assertTrue(text.contains("\"name\": \"e2m1_satfinite_rn\""), text);
        assertTrue(text.contains("\"mismatches\": 0"), text);
        Map<?, ?> doc = (Map<?, ?>) MiniJson.parse(text);
        assertEquals("sage4j verify-formats", doc.get("tool"));
        assertEquals(true, doc.get("passed"));
        assertEquals((long) Runtime.getRuntime().availableProcessors(), doc.get("availableProcessors"));
        assertTrue(((String) doc.get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), doc.get("timestamp").toString());
        Map<?, ?> golden = (Map<?, ?>) doc.get("golden");
        assertEquals("bundled", golden.get("source"));
        assertEquals(GoldenMap.bundled().header(), golden.get("header"));
        List<?> conversions = (List<?>) doc.get("conversions");
        assertEquals(1, conversions.size());
        Map<?, ?> c = (Map<?, ?>) conversions.getFirst();
        assertEquals("e2m1_satfinite_rn", c.get("name"));
        assertEquals("golden e2m1_satfinite_rn", c.get("oracle"));
        assertEquals(1L << 32, c.get("inputs"));
        assertEquals(0L, c.get("mismatches"));
        assertEquals(List.of(), c.get("examples"));
        try (var files = Files.list(json.getParent())) {
            assertEquals(List.of(json), files.toList(), "no temporary file left beside the JSON");
        }
    }

    /** Slow (one 2^32 conversion): a golden map with one wrong code must fail, naming the mismatch. */
    @Test
    void wrongGoldenSegmentFails(@TempDir Path tmp) throws IOException {
        String text = bundledGoldenText();
        String right = "e2m1_satfinite_rn 40a00001 07";
        assertTrue(text.contains(right));
        Path golden = tmp.resolve("wrong-golden.txt");
        Files.writeString(golden, text.replace(right, "e2m1_satfinite_rn 40a00001 06"), StandardCharsets.US_ASCII);
        Path json = tmp.resolve("vf.json");

        Run run = sage4j("verify-formats", "--only", "e2m1_satfinite_rn", "--golden", golden.toString(),
                "--json", json.toString(), "--no-progress");

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("golden map: " + golden.toAbsolutePath()), run.out());
        // Every float32 in [0x40a00001, 0x80000000) now "expects" 6 where E2M1 gives 7 (6.0, the largest).
        long wrong = 0x8000_0000L - 0x40a0_0001L;
        assertTrue(run.out().contains("FAILED: 1 of 1 conversion mismatch"), run.out());
        assertTrue(run.out().contains("e2m1_satfinite_rn: " + ResultTable.thousands(wrong) + " mismatches"), run.out());
        assertTrue(run.out().contains("got 0x7, expected 0x6"), run.out());
        assertEquals("", run.err(), "--no-progress prints nothing on stderr");

        Map<?, ?> doc = (Map<?, ?>) MiniJson.parse(Files.readString(json));
        assertEquals(false, doc.get("passed"));
        assertEquals("file", ((Map<?, ?>) doc.get("golden")).get("source"));
        Map<?, ?> c = (Map<?, ?>) ((List<?>) doc.get("conversions")).getFirst();
        assertEquals(wrong, c.get("mismatches"));
        List<?> examples = (List<?>) c.get("examples");
        assertEquals(8, examples.size());
        assertEquals("0x7", ((Map<?, ?>) examples.getFirst()).get("actual"));
        assertEquals("0x6", ((Map<?, ?>) examples.getFirst()).get("expected"));
    }

    @Test
    void unknownOnlyNameIsAUsageErrorListingTheValidNames() {
        Run run = sage4j("verify-formats", "--only", "e2m1_satfinite_rn,e3m2_nope");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown conversion e3m2_nope"), run.err());
        for (String name : List.of("e2m1_satfinite_rn", "ue8m0_nosat_rp", "ue4m3_satfinite_rn", "int8_rni_sat",
                "fp16_rn", "bf16_rn")) {
            assertTrue(run.err().contains(name), name + " in " + run.err());
        }
        assertEquals("", run.out());
    }

    @Test
    void unreadableGoldenFileIsAUsageError(@TempDir Path tmp) throws IOException {
        Run missing = sage4j("verify-formats", "--golden", tmp.resolve("absent.txt").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("cannot read golden map"), missing.err());

        Path partial = tmp.resolve("partial.txt");
        Files.writeString(partial, "# only e2m1\ne2m1_satfinite_rn 00000000 00\n");
        Run incomplete = sage4j("verify-formats", "--golden", partial.toString());
        assertEquals(2, incomplete.exitCode());
        assertTrue(incomplete.err().contains("has no conversion"), incomplete.err());
    }

    @Test
    void progressFlagsAreExclusive() {
        Run run = sage4j("verify-formats", "--progress", "--no-progress", "--only", "bf16_rn");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("mutually exclusive"), run.err());
    }

    @Test
    void topLevelHelpVersionAndMissingSubcommand() {
        Run help = sage4j("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("verify-formats"), help.out());

        Run version = sage4j("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("sage4j " + Sage4jVersion.version()), version.out());

        Run none = sage4j();
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("Missing required subcommand"), none.err());
    }
}
