/**
 * Quantizers: each a named function with its exact operation order, returning codes and scales in a
 * documented layout, with a dequantizer. All arithmetic is IEEE binary32 round-to-nearest (Java
 * {@code float}), except where a quantizer models an upstream fast-math kernel and says so.
 *
 * <h2>Layouts</h2>
 * Inputs are row-major {@code [rows][cols]} float arrays (per head: rows = tokens, cols = head dim), or
 * {@code [heads][tokens][dim]} where heads = B·H of an HND tensor. Microscaling blocks (16 for NVFP4,
 * 32 for MXFP4) run along the last, contiguous axis — the reduction axis of the matrix product that
 * consumes them. FP4 codes are packed two per byte, element 2i in the low nibble.
 *
 * <h2>NaN, infinity and zero policy</h2>
 * The quantizers are total functions that do what the hardware conversions do, so that a GPU kernel
 * can be compared with them byte for byte on any input, adversarial ones included:
 * <ul>
 *   <li><b>Block maxima ignore NaN</b> (CUDA {@code fmaxf} semantics): a NaN element never becomes a
 *       block's amax; a block of only NaN has amax 0.</li>
 *   <li><b>NaN elements</b> are converted as the {@code cvt} instruction converts NaN: E2M1 → 0x7 (+6),
 *       E4M3 → 0x7F, INT8 → 0.</li>
 *   <li><b>Infinite elements</b> make the block's amax infinite; scales then saturate (UE4M3 448,
 *       E4M3 448, UE8M0 0xFE) or, where the source defines it, become NaN (OCP MXFP4: 0xFF). Each
 *       quantizer's documentation states which.</li>
 *   <li><b>All-zero blocks</b> get scale 0 (or the smallest scale code where the format has no zero),
 *       and every element code is a zero of the element's sign. Dequantized, they are exactly 0.</li>
 * </ul>
 * The public API rejects non-finite inputs by default before they reach a quantizer (its NaN policy);
 * the quantizers define the behaviour for kernels and for callers who opt out of that check.
 */
package io.sage4j.reference.quant;
