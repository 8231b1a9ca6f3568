/**
 * The CPU backends.
 * <ul>
 *   <li>{@link io.sage4j.cpu.CpuReferenceBackend} ({@code cpu-reference}): the reference algorithms as written; the
 *       bit-exact oracle and the fallback of last resort.</li>
 *   <li>{@link io.sage4j.cpu.CpuVectorBackend} ({@code cpu-vector}): the same algorithms with the Vector API on every
 *       core. Quantizers, smoothing statistics and the reference's ex2 are reproduced bit for bit (Int8Quantization,
 *       Fp8ValueQuantization, Nvfp4Quantization, ChannelMeans, Exp2, GridRounding); 64-query × 128-key tiles go
 *       through register-blocked products (TileKernels) on a shared worker pool (WorkerPool) with per-thread
 *       scratch (TileScratch) and pooled operand arrays (ArrayPool). Its error bounds and their derivation are in
 *       CpuVectorAgreement.</li>
 * </ul>
 * Only cpu-vector's engine classes touch {@code jdk.incubator.vector}; the backend class itself and cpu-reference
 * load without it.
 */
package io.sage4j.cpu;
