package io.sage4j.accuracy;

import io.sage4j.reference.attention.AttentionAlgorithm;
import io.sage4j.reference.attention.AttentionInputs;
import io.sage4j.reference.attention.AttentionMetrics;
import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.ErrorSummary;
import io.sage4j.reference.attention.ExactAttention;
import io.sage4j.reference.attention.Layout;
import io.sage4j.reference.attention.VarlenAttention;
import java.util.Arrays;

/**
 * The three steps of measuring one algorithm on one workload: the exact float64 output (the yardstick), the
 * algorithm's float32 output (varlen batches through {@link VarlenAttention}, one call per sequence), and the
 * papers' metrics per (batch, head) aggregated to mean and worst.
 */
public final class Measurement {
    private Measurement() {}

    /** Exact attention in float64, in the workload's layout; per sequence for a varlen batch. */
    public static double[] exactOutput(WorkloadData data) {
        ExactAttention exact = new ExactAttention();
        if (!data.varlen()) {
            return exact.computeExact(data.inputs()).output();
        }
        AttentionShape packed = data.shape();
        int qRow = packed.heads() * packed.headDim();
        int kRow = packed.kvHeads() * packed.headDim();
        double[] out = new double[data.q().length];
        int[] cuQ = data.cuSeqlens().q();
        int[] cuK = data.cuSeqlens().k();
        for (int s = 0; s + 1 < cuQ.length; s++) {
            int nq = cuQ[s + 1] - cuQ[s];
            int nk = cuK[s + 1] - cuK[s];
            if (nq == 0 || nk == 0) {
                continue;  // no queries, or nothing to attend to: output 0, as VarlenAttention defines it
            }
            AttentionShape one = new AttentionShape(1, packed.heads(), packed.kvHeads(), nq, nk, packed.headDim());
            AttentionInputs inputs = new AttentionInputs(one, Layout.NHD,
                    Arrays.copyOfRange(data.q(), cuQ[s] * qRow, cuQ[s + 1] * qRow),
                    Arrays.copyOfRange(data.k(), cuK[s] * kRow, cuK[s + 1] * kRow),
                    Arrays.copyOfRange(data.v(), cuK[s] * kRow, cuK[s + 1] * kRow), data.options());
            double[] o = exact.computeExact(inputs).output();
            System.arraycopy(o, 0, out, cuQ[s] * qRow, o.length);
        }
        return out;
    }

    /** The algorithm's output in the workload's layout. */
    public static float[] candidateOutput(WorkloadData data, AttentionAlgorithm algorithm) {
        if (!data.varlen()) {
            return algorithm.compute(data.inputs()).output();
        }
        AttentionShape s = data.shape();
        return VarlenAttention.compute(algorithm, data.q(), data.k(), data.v(), s.heads(), s.kvHeads(), s.headDim(),
                data.cuSeqlens(), data.options()).output();
    }

    /** Per-head metrics of {@code output} against {@code exact}, aggregated (a varlen head spans every sequence). */
    public static ErrorSummary compare(WorkloadData data, double[] exact, float[] output) {
        return AttentionMetrics.perHeadSummary(exact, output, data.shape(), data.layout());
    }
}
