package io.sage4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.report.InputReader.Inputs;
import io.sage4j.report.Model.AccuracyRun;
import io.sage4j.report.Model.AttentionRow;
import io.sage4j.report.Model.Kind;
import io.sage4j.report.Model.QuantizerRun;
import io.sage4j.report.Model.Source;
import io.sage4j.report.Model.VerifyRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of result file the report reads, and clear errors for the ones it cannot. */
class InputReaderTest {
    private static Inputs good() throws InputException {
        return InputReader.read(List.of(Fixtures.good()));
    }

    @Test
    void readsEveryKnownKindFromADirectory() throws InputException {
        Inputs in = good();
        assertEquals(List.of("accuracy-ci", "bench-attn-h100", "bench-attn-h200", "bench-int8-cuda", "peers-sdpa",
                "verify-formats", "verify-int8-cuda"), in.sources().stream().map(Source::label).toList());
        assertEquals(List.of(Kind.ACCURACY, Kind.ATTENTION_BENCH, Kind.ATTENTION_BENCH, Kind.QUANTIZER_BENCH,
                Kind.ATTENTION_BENCH, Kind.VERIFY_FORMATS, Kind.VERIFY), in.sources().stream().map(Source::kind).toList());
        // The unknown JSON in the directory is skipped with a note naming it; the .txt file is not looked at.
        assertEquals(1, in.notes().size(), in.notes().toString());
        assertTrue(in.notes().getFirst().contains("notes.json: skipped, not a result file the report knows"),
                in.notes().getFirst());
    }

    @Test
    void attentionRows() throws InputException {
        Inputs in = good();
        List<AttentionRow> sage = in.attention().stream().filter(r -> !r.peer()).toList();
        List<AttentionRow> peers = in.attention().stream().filter(AttentionRow::peer).toList();
        assertEquals(8 + 4, sage.size());
        assertEquals(16, peers.size());
        assertTrue(sage.stream().allMatch(r -> r.backend().equals("int8-cuda")));
        assertEquals(List.of("FA2 fp16", "cuDNN bf16"), peers.stream().map(AttentionRow::backend).distinct().toList());
        AttentionRow first = sage.getFirst();
        assertEquals("NVIDIA H100 80GB HBM3 (sm_90, 132 SMs, 81079 MiB)", first.device());
        assertEquals(4, first.batch());
        assertEquals(32, first.heads());
        assertEquals(128, first.headDim());
        assertEquals(4096, first.seqLen());
        assertFalse(first.causal());
        assertEquals("kernel", first.kind());
        assertEquals(265.0, first.tops());
        assertTrue(first.topsLow() < first.tops() && first.tops() < first.topsHigh());
        assertEquals(Instant.parse("2026-11-26T22:02:32.623328060Z"), first.source().timestamp());
        assertEquals(null, peers.getFirst().source().timestamp());  // the peers script records no time
    }

    @Test
    void quantizerVerifyFormatsAndAccuracy() throws InputException {
        Inputs in = good();
        QuantizerRun q = in.quantizerRuns().getFirst();
        assertEquals("int8-cuda", q.backend());
        assertEquals(2972.9, q.copyGBps());
        assertEquals(2, q.quantizers().size());
        assertEquals(1562.8, q.quantizers().getFirst().gbps());

        VerifyRun verify = in.verifyRuns().stream().filter(v -> v.backend() != null).findFirst().orElseThrow();
        assertTrue(verify.passed());
        assertEquals(4294967296L, verify.conversions().getFirst().inputs());
        assertEquals(10000, verify.quantizers().getFirst().cases());
        assertEquals(1, verify.attention().size());
        assertEquals("[1,4,4,1024,1024,128]", verify.attention().getFirst().shape());
        assertEquals(0.99999999, verify.attention().getFirst().cosVsAlgorithm());

        VerifyRun formats = in.verifyRuns().stream().filter(v -> v.backend() == null).findFirst().orElseThrow();
        assertEquals(null, formats.device());
        assertEquals("25.0.3", formats.source().environment().get("Java"));
        assertEquals("Linux amd64", formats.source().environment().get("OS"));
        assertEquals("2", formats.source().environment().get("CPUs"));

        AccuracyRun acc = in.accuracyRuns().getFirst();
        assertEquals("ci", acc.profile());
        assertFalse(acc.passed());
        assertEquals(6, acc.results().size());
        var known = acc.results().getLast();
        assertEquals("non-finite output without smoothing", known.knownFailure());
        assertTrue(Double.isNaN(known.relL1()), "null metrics of a known failure read as NaN");
        assertTrue(known.pass());
        assertEquals(1, acc.ablations().size());
        assertEquals(List.of("sage3-fp4-mxfp4", "sage3-fp4"), acc.ablations().getFirst().algorithms());
    }

    @Test
    void truncatedFileNamesFileLineAndWhatWasExpected() {
        InputException e = assertThrows(InputException.class,
                () -> InputReader.read(List.of(Fixtures.bad("truncated.json"))));
        assertTrue(e.getMessage().startsWith(Fixtures.bad("truncated.json").toString() + ": not valid JSON (line 4"),
                e.getMessage());
        assertTrue(e.getMessage().contains("a result file of sage4j bench, bench-quantizers, verify, verify-formats "
                + "or accuracy was expected"), e.getMessage());
    }

    @Test
    void unknownToolNamedOnItsOwnIsAnError() {
        InputException e = assertThrows(InputException.class,
                () -> InputReader.read(List.of(Fixtures.bad("unknown-tool.json"))));
        assertTrue(e.getMessage().contains("unknown-tool.json: not a result file the report knows: expected one of"),
                e.getMessage());
        assertTrue(e.getMessage().contains("found an object whose \"tool\" is \"sage4j frobnicate\""), e.getMessage());
    }

    @Test
    void missingAndMistypedMembersNameTheRowAndMember() {
        InputException e = assertThrows(InputException.class,
                () -> InputReader.read(List.of(Fixtures.bad("missing-tops.json"))));
        assertTrue(e.getMessage().endsWith("missing-tops.json: row 1: member \"tops\" is missing (expected a number)"),
                e.getMessage());
        e = assertThrows(InputException.class, () -> InputReader.read(List.of(Fixtures.bad("wrong-type.json"))));
        assertTrue(e.getMessage().endsWith("row 1: member \"headDim\" should be a number, found the string \"128\""),
                e.getMessage());
    }

    @Test
    void notUtf8AndMissingPaths(@TempDir Path tmp) {
        InputException e = assertThrows(InputException.class,
                () -> InputReader.read(List.of(Fixtures.bad("not-utf8.json"))));
        assertTrue(e.getMessage().contains("not UTF-8 text"), e.getMessage());
        Path nowhere = tmp.resolve("nowhere");
        e = assertThrows(InputException.class, () -> InputReader.read(List.of(nowhere)));
        assertEquals(nowhere + ": no such file or directory", e.getMessage());
    }

    @Test
    void aBrokenFileInADirectoryStopsTheRead(@TempDir Path tmp) throws IOException {
        Files.copy(Fixtures.good("bench-attn-h100.json"), tmp.resolve("a.json"));
        Files.copy(Fixtures.bad("truncated.json"), tmp.resolve("b.json"));
        InputException e = assertThrows(InputException.class, () -> InputReader.read(List.of(tmp)));
        assertEquals(tmp.resolve("b.json"), e.file());
    }

    @Test
    void reportDataInADirectoryIsSkippedButRejectedWhenNamed(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("report-data.json");
        Files.writeString(data, "{\"tool\": \"sage4j report\", \"figures\": []}");
        try {
            Inputs in = InputReader.read(List.of(tmp));
            assertTrue(in.isEmpty());
            assertTrue(in.notes().getFirst().contains("the data of an earlier report (use it with --baseline)"));
        } catch (InputException e) {
            throw new AssertionError(e);
        }
        InputException e = assertThrows(InputException.class, () -> InputReader.read(List.of(data)));
        assertTrue(e.getMessage().contains("pass it with --baseline"), e.getMessage());
    }
}
