package io.sage4j.reference.attention;

import java.util.ArrayList;
import java.util.List;

/**
 * The accuracy metrics of the SageAttention papers ({@link ErrorStats}), over a whole tensor or per
 * (batch, head), with mean/worst aggregation ({@link ErrorSummary}). Sums run in float64.
 *
 * <p>Degenerate references: with Σ O² = 0, cosSim is 1 if the candidate is also all zero, else 0; with
 * Σ |O| = 0, relL1 is 0 if the candidate is also all zero, else +∞.
 */
public final class AttentionMetrics {
    private AttentionMetrics() {}

    /** Metrics of the flattened tensors. */
    public static ErrorStats compare(double[] reference, float[] candidate) {
        Args.requireNonNull("candidate", candidate);
        double[] widened = new double[candidate.length];
        for (int i = 0; i < widened.length; i++) {
            widened[i] = candidate[i];
        }
        return compare(reference, widened);
    }

    /** Metrics of the flattened tensors, both float64. */
    public static ErrorStats compare(double[] reference, double[] candidate) {
        Args.requireNonNull("reference", reference);
        Args.requireNonNull("candidate", candidate);
        requireSameLength(reference.length, candidate.length);
        return stats(reference, candidate);
    }

    /**
     * Metrics of each (batch, query head) slice {@code [Nq][D]} of two outputs in {@code layout}, in order
     * b-major then h.
     */
    public static List<ErrorStats> perHead(double[] reference, float[] candidate, AttentionShape shape,
                                           Layout layout) {
        Args.requireNonNull("reference", reference);
        Args.requireNonNull("candidate", candidate);
        Args.requireNonNull("shape", shape);
        Args.requireNonNull("layout", layout);
        if (reference.length != shape.queryElements()) {
            throw new IllegalArgumentException("reference has " + reference.length + " elements but "
                    + layout.describe(shape.batch(), shape.heads(), shape.tokensQ(), shape.headDim())
                    + " needs " + shape.queryElements());
        }
        requireSameLength(reference.length, candidate.length);
        int heads = shape.heads();
        int tokens = shape.tokensQ();
        int dim = shape.headDim();
        List<ErrorStats> perHead = new ArrayList<>();
        double[] r = new double[tokens * dim];
        double[] c = new double[tokens * dim];
        for (int b = 0; b < shape.batch(); b++) {
            for (int h = 0; h < heads; h++) {
                for (int n = 0; n < tokens; n++) {
                    for (int d = 0; d < dim; d++) {
                        int at = layout.index(b, h, n, d, heads, tokens, dim);
                        r[n * dim + d] = reference[at];
                        c[n * dim + d] = candidate[at];
                    }
                }
                perHead.add(stats(r, c));
            }
        }
        return perHead;
    }

    /** Mean and worst of the per-head metrics. */
    public static ErrorSummary perHeadSummary(double[] reference, float[] candidate, AttentionShape shape,
                                              Layout layout) {
        return ErrorSummary.of(perHead(reference, candidate, shape, layout));
    }

    private static ErrorStats stats(double[] reference, double[] candidate) {
        double dot = 0;
        double rr = 0;
        double cc = 0;
        double absDiff = 0;
        double absRef = 0;
        double sq = 0;
        double max = 0;
        boolean nan = false;
        for (int i = 0; i < reference.length; i++) {
            double r = reference[i];
            double c = candidate[i];
            double d = c - r;
            nan |= Double.isNaN(d);
            dot += r * c;
            rr += r * r;
            cc += c * c;
            absDiff += Math.abs(d);
            absRef += Math.abs(r);
            sq += d * d;
            max = Math.max(max, Math.abs(d));
        }
        if (nan) {
            return new ErrorStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double cos;
        if (rr == 0 || cc == 0) {
            cos = rr == 0 && cc == 0 ? 1.0 : 0.0;
        } else {
            cos = dot / (Math.sqrt(rr) * Math.sqrt(cc));
        }
        double relL1 = absRef == 0 ? (absDiff == 0 ? 0.0 : Double.POSITIVE_INFINITY) : absDiff / absRef;
        double rmse = reference.length == 0 ? 0 : Math.sqrt(sq / reference.length);
        return new ErrorStats(cos, relL1, rmse, max);
    }

    private static void requireSameLength(int reference, int candidate) {
        if (reference != candidate) {
            throw new IllegalArgumentException("candidate has " + candidate + " elements but reference has "
                    + reference + "; both must be the same tensor shape");
        }
    }
}
