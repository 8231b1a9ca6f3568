package io.sage4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.report.Model.AttentionRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figures are grouped by card and never mixed; the newest run of a figure wins. */
class AnalysisTest {
    @Test
    void cardIsTheDeviceStringWithoutItsDetails() {
        assertEquals("NVIDIA H100 80GB HBM3", Analysis.card("NVIDIA H100 80GB HBM3 (sm_90, 132 SMs, 81079 MiB)"));
        assertEquals("NVIDIA H100 80GB HBM3", Analysis.card("NVIDIA H100 80GB HBM3"));
        assertEquals("NVIDIA H200", Analysis.card(" NVIDIA H200 (sm_90, 132 SMs, 143155 MiB) "));
        assertEquals("unknown device", Analysis.card(null));
    }

    @Test
    void cardsAreKeptApart() throws InputException {
        Analysis a = new Analysis(InputReader.read(List.of(Fixtures.good())));
        assertEquals(List.of("NVIDIA H100 80GB HBM3", "NVIDIA H200"), a.cards());
        for (String card : a.cards()) {
            Set<String> cards = a.attention(card).stream().map(r -> Analysis.card(r.device())).collect(Collectors.toSet());
            assertEquals(Set.of(card), cards);
            for (Map.Entry<String, List<AttentionRow>> e : a.peers(card).entrySet()) {
                assertTrue(e.getValue().stream().allMatch(r -> Analysis.card(r.device()).equals(card)));
            }
        }
        assertEquals(2, a.panels("NVIDIA H100 80GB HBM3").size());  // hd 128, causal and not
        assertEquals(1, a.runs("NVIDIA H200").size());
        assertEquals(List.of("FA2 fp16", "cuDNN bf16"), List.copyOf(a.peers("NVIDIA H200").keySet()));
    }

    @Test
    void figuresKeepTheNewestRunOfEachKey() throws InputException {
        Analysis a = new Analysis(InputReader.read(List.of(Fixtures.good())));
        List<Figure> figures = a.figures();
        Figure k = figures.stream().filter(f -> f.key().equals(
                "attention|NVIDIA H100 80GB HBM3|int8-cuda|kernel|B4|H32|D128|noncausal|N4096")).findFirst().orElseThrow();
        assertEquals(265.0, k.value());
        assertTrue(k.gated());
        assertTrue(figures.stream().anyMatch(f -> f.key().startsWith("attention|NVIDIA H200|FA2 fp16|") && !f.gated()));
        assertTrue(figures.stream().anyMatch(f -> f.key().equals("verify|NVIDIA H100 80GB HBM3|int8-cuda") && f.exact()));
        assertTrue(figures.stream().anyMatch(f -> f.key().equals("accuracy|ci|seed1|sage2-int8|gaussian|relL1")
                && !f.higherIsBetter()));
    }

    @Test
    void theNewerTimestampWinsWhateverTheFileOrder(@TempDir Path tmp) throws IOException, InputException {
        String row = "[{\"backend\": \"cpu-vector\", \"device\": \"AMD EPYC (2 cores)\", \"timestamp\": \"%s\", "
                + "\"batch\": 1, \"heads\": 2, \"headDim\": 64, \"seqLen\": 512, \"causal\": false, "
                + "\"kind\": \"call\", \"medianMs\": 10, \"tops\": %s}]";
        Files.writeString(tmp.resolve("a-newer.json"), row.formatted("2026-11-27T10:00:00Z", "0.5"));
        Files.writeString(tmp.resolve("b-older.json"), row.formatted("2026-11-20T10:00:00Z", "0.4"));
        Analysis a = new Analysis(InputReader.read(List.of(tmp)));
        Figure f = a.figures().getFirst();
        assertEquals(0.5, f.value());
        assertEquals("a-newer", f.source());
        assertEquals(List.of("b-older", "a-newer"), a.runs("AMD EPYC").stream().map(r -> r.source().label()).toList());
    }
}
