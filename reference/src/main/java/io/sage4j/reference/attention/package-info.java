/**
 * Attention in plain Java: the exact float64 yardstick ({@link io.sage4j.reference.attention.ExactAttention}),
 * SageAttention2 ({@link io.sage4j.reference.attention.SageAttention2Algorithm}: INT8 QKᵀ, FP8 PV) and
 * SageAttention3 ({@link io.sage4j.reference.attention.SageAttention3Algorithm}: microscaling FP4), built on
 * the quantizers of {@code io.sage4j.reference.quant}, plus varlen batching and the papers' accuracy metrics.
 *
 * <h2>Calls</h2>
 * An {@link io.sage4j.reference.attention.AttentionInputs} holds the {@link io.sage4j.reference.attention.AttentionShape}
 * (B, Hq, Hkv | Hq, Nq, Nk, D ∈ [32, 256]), the {@link io.sage4j.reference.attention.Layout} (HND or NHD), float32
 * q/k/v and the {@link io.sage4j.reference.attention.AttentionOptions} (causal mask and its
 * {@link io.sage4j.reference.attention.CausalAlignment}, softmax scale, user mask, LSE). Query head h reads
 * key/value head {@code h / (Hq/Hkv)}. Outputs come back in the inputs' layout; the LSE is natural-log,
 * {@code [B, Hq, Nq]}.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li><b>Bad arguments</b> throw {@link java.lang.IllegalArgumentException} naming the argument, its value
 *       and what is allowed. <b>Non-finite inputs</b> (NaN, ±∞ in q, k, v) are rejected; the quantizers
 *       themselves are total functions (see {@code io.sage4j.reference.quant}).</li>
 *   <li><b>Fully masked rows</b> (no visible key) have output 0 and LSE −∞ in every algorithm.</li>
 *   <li><b>Arithmetic</b>: the quantized algorithms use IEEE float32 for every step that a kernel does in
 *       fp32, {@code Math.fma} where the kernel uses {@code fmaf}, and {@code FloatMath.ex2/lg2}
 *       (StrictMath in float64, rounded once) where upstream uses PTX approximations. Products of narrow
 *       formats are summed exactly per MMA chunk (k32 for FP8, 16/32-element blocks for FP4) and rounded
 *       once. sage4j kernels are compared with these algorithms by tolerance on outputs and byte for byte
 *       on quantized inputs (the intermediates records).</li>
 *   <li>Spec references are to {@code shared/specs/algorithms.md} (§2 algorithms, §3 metrics) and
 *       {@code shared/specs/numerics.md}.</li>
 * </ul>
 */
package io.sage4j.reference.attention;
