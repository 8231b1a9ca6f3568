/**
 * sage4j's public API: {@link io.sage4j.SageAttention#sageattn} and {@link io.sage4j.SageAttention#sageattnVarlen}
 * on {@link io.sage4j.Tensor}s — {@link io.sage4j.HostTensor} (a {@link java.lang.foreign.MemorySegment} in fp32,
 * fp16 or bf16, with factories from Java arrays) or {@link io.sage4j.DeviceTensor} (a device pointer, for GPU
 * backends) — with {@link io.sage4j.SageAttentionOptions} (layout, causal mask and alignment, scale, user
 * {@link io.sage4j.Mask}, LSE, {@link io.sage4j.Algorithm}, backend, {@link io.sage4j.QuantGranularity},
 * {@link io.sage4j.NonFinitePolicy}).
 *
 * <h2>A call</h2>
 * <ol>
 *   <li>Validation: every bad argument is an {@link java.lang.IllegalArgumentException} that names it, its value and
 *       what is allowed (ranks, dtypes, shapes, Hq a multiple of Hkv, head dims, causal lengths, masks, cu_seqlens,
 *       non-finite values under the default REJECT policy).</li>
 *   <li>Backend choice ({@link io.sage4j.Backends}): the backend named in the options, or the available one of
 *       highest priority whose capabilities cover the call. An option a backend cannot honour is an error, never
 *       ignored.</li>
 *   <li>The backend computes the output in q's dtype, layout and residence (outputs of the CPU backends live in
 *       Java heap memory) and, when asked, the natural-log LSE in float32.</li>
 * </ol>
 * The CPU backends need nothing native; cpu-vector needs the JVM flag {@code --add-modules jdk.incubator.vector}
 * (without it, it reports itself unavailable and calls fall back to cpu-reference).
 */
package io.sage4j;
