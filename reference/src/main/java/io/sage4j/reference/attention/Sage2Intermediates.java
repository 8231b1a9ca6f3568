package io.sage4j.reference.attention;

import io.sage4j.reference.quant.Fp8VTensor;
import io.sage4j.reference.quant.Int8Tensor;

/**
 * Every intermediate of one {@link SageAttention2Algorithm} run, for bit-level comparison with a kernel.
 * Head-major layouts: {@code [B·Hq]} query heads, {@code [B·Hkv]} key/value heads.
 *
 * @param config  the configuration used
 * @param kMeans  K smoothing means {@code [B·Hkv][D]} ({@code Smoothing.channelMeans}), or null
 * @param q       INT8 Q ({@code Int8Quantizer}, no means): codes {@code [B·Hq][Nq][D]}, scales per group
 * @param k       INT8 K ({@code Int8Quantizer} with kMeans): codes {@code [B·Hkv][Nk][D]}, scales per group
 * @param v       FP8 V ({@code Fp8VQuantizer}, scale_max 448, padded to CTA_K): codes {@code [B·Hkv][D][Nk_pad]}
 * @param rowMax  the final running max m per row {@code [B·Hq][Nq]}, log2 domain with the −8.807 offset
 *                folded in (the kernel's m); −∞ for fully masked rows
 * @param rowSum  the final denominator d per row {@code [B·Hq][Nq]}: Σ of the unquantized fp32 P, relative
 *                to 2^m; 0 for fully masked rows
 * @param result  output and LSE as {@link SageAttention2Algorithm#compute} returns them
 */
public record Sage2Intermediates(Sage2Config config, float[] kMeans, Int8Tensor q, Int8Tensor k, Fp8VTensor v,
                                 float[] rowMax, float[] rowSum, AttentionResult result) {}
