package io.sage4j.cpu;

import jdk.incubator.vector.FloatVector;

/**
 * Register-blocked float matrix products for one tile, the hot loops of cpu-vector. Four rows of A at a time,
 * up to four vectors of B's columns held in 16 accumulators, the reduction dimension innermost: each accumulator is
 * one FMA chain over the reduction index in ascending order, starting from +0 — the order the error bounds of
 * {@link CpuVectorAgreement} assume.
 */
final class TileKernels {
    private TileKernels() {}

    private static final int L = Lanes.L;

    /**
     * {@code c[cOff + i·ldc + j] = Σ_k a[aOff + i·lda + k] · b[bOff + k·ldb + j]} for i &lt; rows (a multiple of 4),
     * j &lt; cols (a multiple of {@link Lanes#L}), k &lt; depth.
     */
    static void multiply(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, int rows, int cols, int depth,
                         float[] c, int cOff, int ldc) {
        for (int i = 0; i < rows; i += 4) {
            int a0 = aOff + i * lda;
            int c0 = cOff + i * ldc;
            int j = 0;
            for (; j + 4 * L <= cols; j += 4 * L) {
                block4(a, a0, lda, b, bOff + j, ldb, depth, c, c0 + j, ldc);
            }
            for (; j + 2 * L <= cols; j += 2 * L) {
                block2(a, a0, lda, b, bOff + j, ldb, depth, c, c0 + j, ldc);
            }
            for (; j < cols; j += L) {
                block1(a, a0, lda, b, bOff + j, ldb, depth, c, c0 + j, ldc);
            }
        }
    }

    private static void block4(float[] a, int a0, int lda, float[] b, int b0, int ldb, int depth, float[] c, int c0,
                               int ldc) {
        FloatVector z = FloatVector.zero(Lanes.F);
        FloatVector r00 = z, r01 = z, r02 = z, r03 = z, r10 = z, r11 = z, r12 = z, r13 = z;
        FloatVector r20 = z, r21 = z, r22 = z, r23 = z, r30 = z, r31 = z, r32 = z, r33 = z;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        for (int k = 0; k < depth; k++) {
            int bk = b0 + k * ldb;
            FloatVector b0v = FloatVector.fromArray(Lanes.F, b, bk);
            FloatVector b1v = FloatVector.fromArray(Lanes.F, b, bk + L);
            FloatVector b2v = FloatVector.fromArray(Lanes.F, b, bk + 2 * L);
            FloatVector b3v = FloatVector.fromArray(Lanes.F, b, bk + 3 * L);
            FloatVector x = FloatVector.broadcast(Lanes.F, a[a0 + k]);
            r00 = x.fma(b0v, r00);
            r01 = x.fma(b1v, r01);
            r02 = x.fma(b2v, r02);
            r03 = x.fma(b3v, r03);
            x = FloatVector.broadcast(Lanes.F, a[a1 + k]);
            r10 = x.fma(b0v, r10);
            r11 = x.fma(b1v, r11);
            r12 = x.fma(b2v, r12);
            r13 = x.fma(b3v, r13);
            x = FloatVector.broadcast(Lanes.F, a[a2 + k]);
            r20 = x.fma(b0v, r20);
            r21 = x.fma(b1v, r21);
            r22 = x.fma(b2v, r22);
            r23 = x.fma(b3v, r23);
            x = FloatVector.broadcast(Lanes.F, a[a3 + k]);
            r30 = x.fma(b0v, r30);
            r31 = x.fma(b1v, r31);
            r32 = x.fma(b2v, r32);
            r33 = x.fma(b3v, r33);
        }
        // stores spelled out: a helper taking vectors could be compiled apart and box them
        r00.intoArray(c, c0);
        r01.intoArray(c, c0 + L);
        r02.intoArray(c, c0 + 2 * L);
        r03.intoArray(c, c0 + 3 * L);
        r10.intoArray(c, c0 + ldc);
        r11.intoArray(c, c0 + ldc + L);
        r12.intoArray(c, c0 + ldc + 2 * L);
        r13.intoArray(c, c0 + ldc + 3 * L);
        r20.intoArray(c, c0 + 2 * ldc);
        r21.intoArray(c, c0 + 2 * ldc + L);
        r22.intoArray(c, c0 + 2 * ldc + 2 * L);
        r23.intoArray(c, c0 + 2 * ldc + 3 * L);
        r30.intoArray(c, c0 + 3 * ldc);
        r31.intoArray(c, c0 + 3 * ldc + L);
        r32.intoArray(c, c0 + 3 * ldc + 2 * L);
        r33.intoArray(c, c0 + 3 * ldc + 3 * L);
    }

    private static void block2(float[] a, int a0, int lda, float[] b, int b0, int ldb, int depth, float[] c, int c0,
                               int ldc) {
        FloatVector z = FloatVector.zero(Lanes.F);
        FloatVector r00 = z, r01 = z, r10 = z, r11 = z, r20 = z, r21 = z, r30 = z, r31 = z;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        for (int k = 0; k < depth; k++) {
            int bk = b0 + k * ldb;
            FloatVector b0v = FloatVector.fromArray(Lanes.F, b, bk);
            FloatVector b1v = FloatVector.fromArray(Lanes.F, b, bk + L);
            FloatVector x = FloatVector.broadcast(Lanes.F, a[a0 + k]);
            r00 = x.fma(b0v, r00);
            r01 = x.fma(b1v, r01);
            x = FloatVector.broadcast(Lanes.F, a[a1 + k]);
            r10 = x.fma(b0v, r10);
            r11 = x.fma(b1v, r11);
            x = FloatVector.broadcast(Lanes.F, a[a2 + k]);
            r20 = x.fma(b0v, r20);
            r21 = x.fma(b1v, r21);
            x = FloatVector.broadcast(Lanes.F, a[a3 + k]);
            r30 = x.fma(b0v, r30);
            r31 = x.fma(b1v, r31);
        }
        r00.intoArray(c, c0);
        r01.intoArray(c, c0 + L);
        r10.intoArray(c, c0 + ldc);
        r11.intoArray(c, c0 + ldc + L);
        r20.intoArray(c, c0 + 2 * ldc);
        r21.intoArray(c, c0 + 2 * ldc + L);
        r30.intoArray(c, c0 + 3 * ldc);
        r31.intoArray(c, c0 + 3 * ldc + L);
    }

    private static void block1(float[] a, int a0, int lda, float[] b, int b0, int ldb, int depth, float[] c, int c0,
                               int ldc) {
        FloatVector z = FloatVector.zero(Lanes.F);
        FloatVector r0 = z, r1 = z, r2 = z, r3 = z;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        for (int k = 0; k < depth; k++) {
            FloatVector bv = FloatVector.fromArray(Lanes.F, b, b0 + k * ldb);
            r0 = FloatVector.broadcast(Lanes.F, a[a0 + k]).fma(bv, r0);
            r1 = FloatVector.broadcast(Lanes.F, a[a1 + k]).fma(bv, r1);
            r2 = FloatVector.broadcast(Lanes.F, a[a2 + k]).fma(bv, r2);
            r3 = FloatVector.broadcast(Lanes.F, a[a3 + k]).fma(bv, r3);
        }
        r0.intoArray(c, c0);
        r1.intoArray(c, c0 + ldc);
        r2.intoArray(c, c0 + 2 * ldc);
        r3.intoArray(c, c0 + 3 * ldc);
    }

    /**
     * Block-scaled FP4 scores, added to {@code s} (which holds the initial values, ΔS or 0):
     * <pre>
     *   s[i][j] += Σ_blocks  Σ_{k∈block} a[i][k]·b[k][j]          blocks of 16 along k, ascending
     * </pre>
     * with each block summed in a fresh accumulator and added to s once. a and b hold dequantized NVFP4 elements
     * (E2M1 value times the block's UE4M3 scale), so within a block every product and every partial sum is an integer
     * (|·| ≤ 16·144) times ¼·sA·sB: exact in float whatever the order. Each block's value
     * is thus the reference's {@code RN_f32(exact block product)} and the blocks are added in the reference's order.
     * A zero block adds +0, which leaves s unchanged because s is never −0 (see {@link VectorSage3Attention}).
     * rows a multiple of 4, cols of 4·{@link Lanes#L}, depth of 16.
     */
    static void blockScaledScores(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, int rows, int cols,
                                  int depth, float[] s, int sOff, int lds) {
        for (int i = 0; i < rows; i += 4) {
            int a0 = aOff + i * lda;
            int s0 = sOff + i * lds;
            for (int j = 0; j < cols; j += 4 * L) {
                blocksInto(a, a0, lda, b, bOff + j, ldb, depth, s, s0 + j, lds);
            }
        }
    }

    /** A 4 × 4·L tile: each 16-deep block summed afresh and added to {@code s}, blocks in ascending order. */
    private static void blocksInto(float[] a, int aRow, int lda, float[] b, int bCol, int ldb, int depth, float[] s,
                                   int s0, int lds) {
        for (int k0 = 0; k0 < depth; k0 += Nvfp4Quantization.BLOCK) {
            int a0 = aRow + k0;
            int b0 = bCol + k0 * ldb;
            FloatVector z = FloatVector.zero(Lanes.F);
            FloatVector r00 = z, r01 = z, r02 = z, r03 = z, r10 = z, r11 = z, r12 = z, r13 = z;
            FloatVector r20 = z, r21 = z, r22 = z, r23 = z, r30 = z, r31 = z, r32 = z, r33 = z;
            int a1 = a0 + lda;
            int a2 = a1 + lda;
            int a3 = a2 + lda;
            for (int k = 0; k < Nvfp4Quantization.BLOCK; k++) {
                int bk = b0 + k * ldb;
                FloatVector b0v = FloatVector.fromArray(Lanes.F, b, bk);
                FloatVector b1v = FloatVector.fromArray(Lanes.F, b, bk + L);
                FloatVector b2v = FloatVector.fromArray(Lanes.F, b, bk + 2 * L);
                FloatVector b3v = FloatVector.fromArray(Lanes.F, b, bk + 3 * L);
                FloatVector x = FloatVector.broadcast(Lanes.F, a[a0 + k]);
                r00 = x.fma(b0v, r00);
                r01 = x.fma(b1v, r01);
                r02 = x.fma(b2v, r02);
                r03 = x.fma(b3v, r03);
                x = FloatVector.broadcast(Lanes.F, a[a1 + k]);
                r10 = x.fma(b0v, r10);
                r11 = x.fma(b1v, r11);
                r12 = x.fma(b2v, r12);
                r13 = x.fma(b3v, r13);
                x = FloatVector.broadcast(Lanes.F, a[a2 + k]);
                r20 = x.fma(b0v, r20);
                r21 = x.fma(b1v, r21);
                r22 = x.fma(b2v, r22);
                r23 = x.fma(b3v, r23);
                x = FloatVector.broadcast(Lanes.F, a[a3 + k]);
                r30 = x.fma(b0v, r30);
                r31 = x.fma(b1v, r31);
                r32 = x.fma(b2v, r32);
                r33 = x.fma(b3v, r33);
            }
            // added in place, spelled out: a helper taking vectors could be compiled apart and box them
            int at = s0;
            FloatVector.fromArray(Lanes.F, s, at).add(r00).intoArray(s, at);
            FloatVector.fromArray(Lanes.F, s, at + L).add(r01).intoArray(s, at + L);
            FloatVector.fromArray(Lanes.F, s, at + 2 * L).add(r02).intoArray(s, at + 2 * L);
            FloatVector.fromArray(Lanes.F, s, at + 3 * L).add(r03).intoArray(s, at + 3 * L);
            at += lds;
            FloatVector.fromArray(Lanes.F, s, at).add(r10).intoArray(s, at);
            FloatVector.fromArray(Lanes.F, s, at + L).add(r11).intoArray(s, at + L);
            FloatVector.fromArray(Lanes.F, s, at + 2 * L).add(r12).intoArray(s, at + 2 * L);
            FloatVector.fromArray(Lanes.F, s, at + 3 * L).add(r13).intoArray(s, at + 3 * L);
            at += lds;
            FloatVector.fromArray(Lanes.F, s, at).add(r20).intoArray(s, at);
            FloatVector.fromArray(Lanes.F, s, at + L).add(r21).intoArray(s, at + L);
            FloatVector.fromArray(Lanes.F, s, at + 2 * L).add(r22).intoArray(s, at + 2 * L);
            FloatVector.fromArray(Lanes.F, s, at + 3 * L).add(r23).intoArray(s, at + 3 * L);
            at += lds;
            FloatVector.fromArray(Lanes.F, s, at).add(r30).intoArray(s, at);
            FloatVector.fromArray(Lanes.F, s, at + L).add(r31).intoArray(s, at + L);
            FloatVector.fromArray(Lanes.F, s, at + 2 * L).add(r32).intoArray(s, at + 2 * L);
            FloatVector.fromArray(Lanes.F, s, at + 3 * L).add(r33).intoArray(s, at + 3 * L);
        }
    }
}
