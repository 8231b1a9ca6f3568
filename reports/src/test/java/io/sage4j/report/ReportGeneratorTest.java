package io.sage4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.report.Charts.PlotFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole report from the fixtures: the files, the plots, the page, the summary and the data round trip. */
class ReportGeneratorTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @TempDir
    static Path out;
    static ReportGenerator.Result result;

    @BeforeAll
    static void generate() throws Exception {
        System.setProperty("java.awt.headless", "true");
        ReportEnvironment env = new ReportEnvironment("0.1.0-TEST", "25-test", "abc1234",
                Instant.parse("2026-11-27T08:00:00Z"));
        result = ReportGenerator.generate(InputReader.read(List.of(Fixtures.good())),
                new ReportGenerator.Options(out, null, 0.02, env, "sage4j report --in good"));
    }

    @Test
    void everyPlotIsAPngAndAnSvg() throws IOException {
        Set<String> names = result.plots().stream().map(PlotFiles::name).collect(Collectors.toSet());
        assertEquals(Set.of(
                "tops-nvidia-h100-80gb-hbm3-b4-h32-hd128-noncausal", "tops-nvidia-h100-80gb-hbm3-b4-h32-hd128-causal",
                "speedup-nvidia-h100-80gb-hbm3-b4-h32-hd128-noncausal",
                "speedup-nvidia-h100-80gb-hbm3-b4-h32-hd128-causal",
                "tops-nvidia-h200-b4-h32-hd128-noncausal", "tops-nvidia-h200-b4-h32-hd128-causal",
                "speedup-nvidia-h200-b4-h32-hd128-noncausal", "speedup-nvidia-h200-b4-h32-hd128-causal",
                "quantizers-nvidia-h100-80gb-hbm3-int8-cuda", "accuracy-gaussian", "accuracy-outlier-qk"), names);
        for (PlotFiles p : result.plots()) {
            byte[] png = Files.readAllBytes(p.png());
            assertTrue(png.length > 10_000, p.png() + " is " + png.length + " bytes");
            assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 8), p.png().toString());
            assertArrayEquals(png, p.pngBytes());
            String svg = Files.readString(p.svg());
            assertTrue(svg.length() > 10_000 && svg.contains("<svg") && svg.strip().endsWith("</svg>"), p.svg().toString());
            // Drawn at twice the logical size for the page.
            var image = javax.imageio.ImageIO.read(p.png().toFile());
            assertEquals(2 * Charts.WIDTH, image.getWidth());
            assertEquals(2 * Charts.HEIGHT, image.getHeight());
        }
    }

    @Test
    void thePageIsSelfContained() throws IOException {
        String html = Files.readString(result.index());
        assertEquals(result.plots().size(), html.split("<img src=\"data:image/png;base64,", -1).length - 1);
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "nothing fetched from the network");
        assertFalse(html.contains("<link"), "no external style sheets");
        for (String must : List.of("NVIDIA H100 80GB HBM3", "NVIDIA H200", "Speedup over each peer", "Quantizer bandwidth",
                "GATE FAILED", "Published vs ours", "SA3 Table 1a", "abc1234", "Format checks on the host",
                "1 cases, min cos 0.99999999, 0 failed", "Driver, CUDA, Java and commit: not recorded in the data",
                "data/bench-attn-h100.json")) {
            assertTrue(html.contains(must), must);
        }
    }

    @Test
    void summaryAndDataAndInputCopies() throws IOException, InputException {
        String md = Files.readString(result.summary());
        assertTrue(md.startsWith("## sage4j report"), md);
        assertTrue(md.contains("### NVIDIA H100 80GB HBM3") && md.contains("### NVIDIA H200"), md);
        assertTrue(md.contains("| 128 | none | 16384 | 284 | 256 | 340 | 600 | 0.84 / 0.75 | 0.47 / 0.43 |"), md);

        ReportData.Baseline back = ReportData.read(result.data());
        assertEquals("abc1234", back.commit());
        assertEquals(result.figures(), back.figures());
        assertTrue(Files.isRegularFile(out.resolve("data/peers-sdpa.json")));
        assertFalse(Files.exists(out.resolve("data/notes.json")), "skipped files are not copied");
    }
}
