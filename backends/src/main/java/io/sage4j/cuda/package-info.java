/**
 * The CUDA runtime glue both CUDA backends share: the availability probe, devices, the primary context,
 * modules loaded from the fatbins in the jars, kernels and their arguments, device buffers, streams,
 * events, and a scope that frees everything. Every driver error becomes a {@link io.sage4j.cuda.CudaException}
 * naming the call. Driver API through JavaCPP's CUDA presets, against the system's CUDA 13 (no redist jars).
 */
package io.sage4j.cuda;
