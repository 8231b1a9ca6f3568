package io.sage4j.reference.attention;

/**
 * Every intermediate of one {@link SageAttention3Algorithm} run. Head-major: {@code [B·Hq]} query heads,
 * {@code [B·Hkv]} key/value heads; T = ⌈Nk/kvTile⌉ KV tiles, G = kvTile / block size P groups per tile row.
 *
 * @param config        the configuration used
 * @param kMeans        K smoothing means {@code [B·Hkv][D]} ({@code Smoothing.channelMeans}), or null
 * @param qBlockMeans   Q smoothing means {@code [B·Hq][⌈Nq/qBlock⌉][D]} ({@code Smoothing.blockMeans}), or null
 * @param deltaS        ΔS {@code [B·Hq][⌈Nq/qBlock⌉][Nk]} ({@code Smoothing.deltaS} against the smoothed K of
 *                      the key/value head each query head reads), or null
 * @param q             FP4 Q, rows {@code B·Hq·Nq} (smoothed), blocks along D
 * @param k             FP4 K, rows {@code B·Hkv·Nk} (smoothed), blocks along D
 * @param vTransposed   FP4 Vᵀ, rows {@code B·Hkv·D}, blocks along the {@code paddedKeys} tokens (zeros past Nk)
 * @param paddedKeys    Nk rounded up to a multiple of kvTile
 * @param pRowScales    P's level-1 scale per (query head, tile, row): {@code [B·Hq][T][Nq]}, tiles by index
 * @param pBlockScales  P's level-2 scale bytes per (query head, tile, row, group): {@code [B·Hq][T][Nq][G]}
 * @param rowMax        final running max per row {@code [B·Hq][Nq]}, log2 domain ({@code S·smScale·log2e});
 *                      −∞ for fully masked rows
 * @param rowSum        final Σ of unquantized P̃ per row, relative to 2^rowMax; 0 for fully masked rows
 * @param result        output and LSE as {@link SageAttention3Algorithm#compute} returns them
 */
public record Sage3Intermediates(Sage3Config config, float[] kMeans, float[] qBlockMeans, float[] deltaS,
                                 Fp4Matrix q, Fp4Matrix k, Fp4Matrix vTransposed, int paddedKeys,
                                 float[] pRowScales, byte[] pBlockScales, float[] rowMax, float[] rowSum,
                                 AttentionResult result) {
    /** Number of KV tiles. */
    public int kvTiles() {
        return paddedKeys / config.kvTile();
    }
}
