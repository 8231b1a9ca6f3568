package io.sage4j.cpu;

import io.sage4j.Algorithm;
import io.sage4j.spi.ReferenceAgreement;

/**
 * The bounds cpu-vector states against the reference algorithms, and their derivation. Notation: u = 2^-24,
 * γ_k = k·u/(1 − k·u) (the relative error bound of a recursive float sum of k+1 terms, or of k roundings), n = Nk
 * keys, K = 128 keys per tile, T = ⌈n/K⌉ tiles, L float lanes, D head dim, R the channel's value range
 * max_j |v_jc|, σA = smScale·max_i‖q_i‖·max_j‖k_j‖ ≥ |smScale·q·k| for every score, β the largest finite |bias|.
 *
 * <h2>Sums both sides compute differently</h2>
 * <ul>
 *   <li>PV per tile, then {@code O ← O·α + buffer} (2 roundings per tile), so over T tiles every key's product passes
 *       through at most (its tile's chain) + 2T roundings. cpu-vector's tile chain is one FMA chain of K products:
 *       γ_{K+2T}. The reference's: SA2 sums k32 chunks exactly and rounds each (K/32 roundings in a row):
 *       γ_{K/32+2T}; SA3 rounds each 16-key block product and adds them (K/16) and scales by the row scale
 *       (+2): γ_{K/16+2+2T}, cpu-vector γ_{K+2+2T}.</li>
 *   <li>d: cpu-vector sums a tile in L lanes of K/L terms, reduces the lanes (≤ L − 1 roundings on any path) and
 *       does {@code d·α + s}: γ_{K/L+L+2T}. The reference adds every P in key order after {@code d·α}: γ_{n+T}.</li>
 * </ul>
 * Both results are within their γ of the same exact sums (same P̂, V̂, α: bit-identical in the quantized
 * algorithms), so they differ by at most the sum of the two γ times Σ_j W_j|P̂_j||V̂_jc| (W_j the product of
 * later α's ≤ 1) for the accumulator, and times d for d. Then for o = acc/d (· vScale): 
 * {@code |o − o_ref| ≤ (γ_acc + γ_acc,ref + γ_d + γ_d,ref)·(Σ W|P̂||V̂|)/d + (roundings of the last 1–2 operations,
 * 2u per operation and side)·|o|}, with a 0.1 % allowance for second-order terms.
 *
 * <h2>SageAttention2 ({@code sage2-int8})</h2>
 * cpu-vector's unquantized P (the terms of d; P̂ is the reference's) is within 9.01u of the reference's and may be 0
 * where the reference has a float subnormal: d's relative error gains 9.01u + n·2^-126 (d ≥ d_min below).
 * |V̂| ≤ 448 and vScale·448 ≤ R(1+u). E4M3 rounding of P: P̂ ≤ P(1 + 2^-4) + 2^-10 (relative half-spacing 2^-4 in
 * the normal range, absolute 2^-10 below 2^-6). The key that sets the final max has P ≈ 2^8.807 and W = 1, so
 * d ≥ d_min = 2^(8.807 − 8u(log2e(σA + β) + 9)) (the last term covers the roundings of the max and of
 * {@code lb − m}). Hence (Σ W P̂|V̂|)/d · vScale ≤ R(1+u)(1.0625 + n·2^-10/d_min), and
 * <pre>  outputRelative = (1.0625 + n·2^-10/d_min)·(1+u)·[1.001·(γ_{K+2T} + γ_{K/32+2T} + γ_{K/L+L+2T} + 9.01u + n·2^-126
 *                    + γ_{n+T}) + 4.01u]</pre>
 * LSE = (lg2 d + m)/log2e + σ·(q·k̄): the same operations on d's that differ by ≤ γ_d + γ_d,ref relatively;
 * lg2 rounds to ≤ u·lg2 d ≤ u(8.81 + log2 n), each of the three float operations adds ≤ 2u of its result, whose
 * magnitudes are ≤ |lse| + σA: {@code lseAbsolute = 1.001(γ_d + γ_d,ref) + 2.01u(8.81 + log2 n)ln2 + 4.01u·σA},
 * {@code lseRelative = 6.01u}.
 *
 * <h2>SageAttention3 ({@code sage3-fp4})</h2>
 * NVFP4 with block scale s = UE4M3(amax/6): an E2M1 element e of y = x/s satisfies e ≤ 1.25y + 0.25 (half-spacing
 * ≤ max(0.25, y/4)), and s ≤ 1.0625·amax/6 (normal) or ≤ amax/6 + 2^-10 (subnormal), so for the stretched P row X
 * (max 2688) a block sums to Σ P̂e ≤ 1.9584·ΣX + 2^-8, and rowScale·X = P̃(1 + 3u) (X = (P̃/rowMax)·2688): a tile row's
 * rowScale·Σ|P̂e| ≤ 1.9585·ΣP̃ + (K/16)·2^-8/2688. For V̂: |V̂| ≤ 6s ≤ 1.0625·R + 6·2^-10. The max key has P̃ = 1
 * exactly (t − m = 0) and W = 1, so d ≥ 1. With F = (1.9585 + 1.163e-5·T)·[1.001·(γ_{K+2+2T} + γ_{K/16+2+2T} +
 * γ_{K/L+L+2T} + γ_{n+T}) + 2.01u]:
 * <pre>  outputRelative = 1.0625·F,   outputAbsolute = 0.00586·F</pre>
 * LSE as for SA2 with lg2 d ≤ log2 n.
 *
 * <h2>Exact attention ({@code exact}, float32 against the float64 reference)</h2>
 * Scores: an FMA chain over D gives |s − s*| ≤ γ_D·Σ|q||k|; {@code t = fma(s, c, b)} with c = fl(σ·log2e) and
 * b = fl(bias·log2e) adds ≤ 3u relative of σ|s| and of |bias| (log2e, c or b, fma), so in natural-log units
 * δ_score = σA(γ_D + 3.001u) + 3.001u·β. The argument t − m is rounded (≤ u·|t − m| ≤ 2u·max|t|, i.e.
 * 2.001u(σA + β) in natural units), and {@link Exp2#fast} adds ε = {@link Exp2#FAST_RELATIVE_ERROR}. Each key's weight
 * relative to the others is thus off by a factor e^{±ρ}, ρ = δ_score + 2.001u(σA + β) + 1.0001ε; α's errors cancel
 * because the same α scales acc and d. Normalised weights move by at most e^{2ρ} − 1 in total, so the output by
 * (e^{2ρ} − 1)·R. Sums: γ_{K+2T} and γ_{K/L+L+2T} as above, times R. Flushing exp2 results below 2^-126 to 0 costs
 * ≤ n·2^-126 relative (d ≥ 1: the max key has weight exactly 1). Rounding o = acc/d and the reference's float64
 * result to float32: 3u. The reference's own float64 error: ≤ (D + n + 16)·2^-52·(1 + σA + β).
 * <pre>  outputRelative = e^{2ρ} − 1 + 1.001(γ_{K+2T} + γ_{K/L+L+2T}) + n·2^-126 + 3u + ε64</pre>
 * LSE = m·ln 2 + ln d: m is within δ_score (natural units) of the true max, ln d within 2δ_score + 4.01u(σA + β)
 * (arguments, including the α's) + (T+1)·1.0001ε (p and the α's) + γ_d; the float rounding of the LSE on both sides:
 * {@code lseRelative = 3u}.
 */
final class CpuVectorAgreement {
    private CpuVectorAgreement() {}

    private static final double U = 0x1p-24;
    private static final int K = TileScratch.TILE_KEYS;
    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2 = Math.log(2.0);

    /**
     * The bound of a call of {@code algorithm} with up to {@code keys} keys per attention, head dim {@code dim},
     * on inputs of the given magnitudes.
     */
    static ReferenceAgreement of(Algorithm algorithm, int keys, int dim, float smScale, InputMagnitudes magnitudes,
                                 int lanes) {
        int n = Math.max(1, keys);
        int tiles = (n + K - 1) / K;
        double sigmaA = magnitudes.scoreBound(smScale);
        double beta = magnitudes.maxBias();
        double gammaDVector = gamma(K / lanes + lanes + 2 * tiles);
        double gammaDReference = gamma(n + tiles);
        return switch (algorithm) {
            case SAGE2_INT8 -> {
                double dMin = Math.pow(2, 8.807 - 8 * U * (LOG2E * (sigmaA + beta) + 9));
                gammaDVector += 9.01 * U + n * 0x1p-126;  // P from the fast exp2 (see VectorSage2Attention)
                double sums = 1.001 * (gamma(K + 2 * tiles) + gamma(K / 32 + 2 * tiles) + gammaDVector + gammaDReference);
                double output = (1.0625 + n * 0x1p-10 / dMin) * (1 + U) * (sums + 4.01 * U);
                double lse = 1.001 * (gammaDVector + gammaDReference)
                        + 2.01 * U * (8.81 + log2(n)) * LN2 + 4.01 * U * sigmaA;
                yield new ReferenceAgreement(output, 0, lse, 6.01 * U);
            }
            case SAGE3_FP4 -> {
                double sums = 1.001 * (gamma(K + 2 + 2 * tiles) + gamma(K / 16 + 2 + 2 * tiles) + gammaDVector
                        + gammaDReference);
                double f = (1.9585 + 1.163e-5 * tiles) * (sums + 2.01 * U);
                double lse = 1.001 * (gammaDVector + gammaDReference) + 2.01 * U * log2(Math.max(n, 2)) * LN2
                        + 4.01 * U * sigmaA;
                yield new ReferenceAgreement(1.0625 * f, 0.00586 * f, lse, 6.01 * U);
            }
            case EXACT -> {
                double epsilon = Exp2.FAST_RELATIVE_ERROR;
                double deltaScore = sigmaA * (gamma(dim) + 3.001 * U) + 3.001 * U * beta;
                double rho = deltaScore + 2.001 * U * (sigmaA + beta) + 1.0001 * epsilon;
                double flush = n * 0x1p-126;
                double reference64 = (dim + n + 16) * 0x1p-52 * (1 + sigmaA + beta);
                double output = Math.expm1(2 * rho) + 1.001 * (gamma(K + 2 * tiles) + gammaDVector) + flush + 3 * U
                        + reference64;
                double lse = 3 * deltaScore + 4.01 * U * (sigmaA + beta) + (tiles + 1) * 1.0001 * epsilon
                        + 1.001 * gammaDVector + flush + reference64;
                yield new ReferenceAgreement(output, 0, lse, 3 * U);
            }
        };
    }

    static double gamma(int k) {
        return k * U / (1 - k * U);
    }

    private static double log2(int n) {
        return Math.log(n) / LN2;
    }
}
