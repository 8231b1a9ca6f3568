package io.sage4j.reference.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The paper metrics on vectors whose values follow from the definitions by hand. */
class AttentionMetricsTest {

    @Test
    void metricsOfHandComputedPairs() {
        double[] r = {3, -4, 0, 0};
        ErrorStats same = AttentionMetrics.compare(r, new float[] {3, -4, 0, 0});
        assertEquals(new ErrorStats(1, 0, 0, 0), same);
        // Candidate 2r: cos 1; Σ|r| = 7 so relL1 = 7/7; squared errors 9 + 16 over 4 elements → rmse 2.5.
        ErrorStats doubled = AttentionMetrics.compare(r, new float[] {6, -8, 0, 0});
        assertEquals(1.0, doubled.cosSim(), 1e-15);
        assertEquals(1.0, doubled.relL1(), 1e-15);
        assertEquals(2.5, doubled.rmse(), 1e-15);
        assertEquals(4.0, doubled.maxAbs());
        // Orthogonal candidate (4, 3): cos 0; |Δ| = 1 + 7 + 0 + 0 → relL1 8/7; rmse √((1 + 49)/4).
        ErrorStats orthogonal = AttentionMetrics.compare(r, new float[] {4, 3, 0, 0});
        assertEquals(0.0, orthogonal.cosSim(), 1e-15);
        assertEquals(8.0 / 7, orthogonal.relL1(), 1e-15);
        assertEquals(Math.sqrt(12.5), orthogonal.rmse(), 1e-15);
        assertEquals(7.0, orthogonal.maxAbs());
    }

    @Test
    void nanPropagatesAndDegenerateReferencesAreDefined() {
        ErrorStats nan = AttentionMetrics.compare(new double[] {1, 2}, new float[] {1, Float.NaN});
        assertTrue(Double.isNaN(nan.cosSim()) && Double.isNaN(nan.relL1()) && Double.isNaN(nan.rmse()));
        assertEquals(new ErrorStats(1, 0, 0, 0), AttentionMetrics.compare(new double[2], new float[2]));
        ErrorStats fromZero = AttentionMetrics.compare(new double[2], new float[] {0, 1});
        assertEquals(0.0, fromZero.cosSim());
        assertEquals(Double.POSITIVE_INFINITY, fromZero.relL1());
    }

    @Test
    void perHeadFindsTheHeadWithTheErrorInEitherLayoutAndSummarizes() {
        AttentionShape shape = AttentionShape.mha(2, 3, 4, 4, 32);
        for (Layout layout : Layout.values()) {
            double[] reference = new double[shape.queryElements()];
            float[] candidate = new float[reference.length];
            for (int i = 0; i < reference.length; i++) {
                reference[i] = 1 + i % 7;
                candidate[i] = (float) reference[i];
            }
            // Perturb one element of (b=1, h=2): only that head's metrics move.
            int at = layout.index(1, 2, 3, 5, 3, 4, 32);
            candidate[at] += 0.5f;
            List<ErrorStats> heads = AttentionMetrics.perHead(reference, candidate, shape, layout);
            assertEquals(6, heads.size());
            for (int head = 0; head < 6; head++) {
                assertEquals(head == 5 ? 0.5 : 0.0, heads.get(head).maxAbs(), layout + " head " + head);
            }
            ErrorSummary summary = ErrorSummary.of(heads);
            assertEquals(0.5, summary.worst().maxAbs());
            assertEquals(0.5 / 6, summary.mean().maxAbs(), 1e-15);
            assertEquals(heads.get(5).cosSim(), summary.worst().cosSim());
            assertTrue(summary.worst().cosSim() < 1 && summary.mean().cosSim() > summary.worst().cosSim());
        }
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttentionMetrics.compare(new double[3], new float[2]));
        assertEquals("candidate has 2 elements but reference has 3; both must be the same tensor shape", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ErrorSummary.of(List.of()));
        assertEquals("stats must hold at least one entry, got 0", e.getMessage());
    }
}
