package io.sage4j.fp4cuda;

import io.sage4j.cuda.CudaModule;
import io.sage4j.cuda.CudaScope;
import io.sage4j.cuda.CudaStream;
import io.sage4j.cuda.DeviceBuffer;
import io.sage4j.cuda.KernelArgs;
import io.sage4j.reference.quant.Nvfp4Tensor;

/**
 * The GPU NVFP4 quantizers of fp4-cuda, on host arrays, returning the reference's own records (plus the
 * smoothing means they subtracted) so that a GPU result compares with the reference by equality.
 */
public final class Fp4CudaQuantizers implements AutoCloseable {
    private static final int THREADS = 256;
    private final CudaModule module;
    private final CudaModule.Kernel means;
    private final CudaModule.Kernel rows;
    private final CudaModule.Kernel transposed;

    /** A quantized Q or K with the means subtracted before quantizing ({@code [heads][meanBlocks][dim]}, or null). */
    public record Smoothed(Nvfp4Tensor tensor, float[] means) {}

    /** Loads the kernels into the current context (a {@link io.sage4j.cuda.CudaContext} must be open). */
    public Fp4CudaQuantizers() {
        this.module = Fp4CudaKernels.loadQuantizers();
        this.means = module.kernel("sage4j_block_means");
        this.rows = module.kernel("sage4j_quant_nvfp4_rows");
        this.transposed = module.kernel("sage4j_quant_nvfp4_transposed");
    }

    /** The loaded module (it also holds the conversion check kernel). */
    public CudaModule module() {
        return module;
    }

    /**
     * NVFP4 of x {@code [heads][tokens][dim]} along dim (Q or K), optionally smoothed first: the means of
     * blocks of {@code meanBlockTokens} tokens (all tokens for K, 128 for SageAttention3's Q; 0 for no
     * smoothing) are computed on the GPU and subtracted, as {@code Smoothing.blockMeans} /
     * {@code subtractBlockMeans} then {@code Nvfp4Quantizer} do on the CPU.
     */
    public Smoothed quantizeRows(float[] x, int heads, int tokens, int dim, int meanBlockTokens, Nvfp4Variant variant) {
        checkShape(x, heads, tokens, dim);
        if (dim % 16 != 0) {
            throw new IllegalArgumentException("dim must be a multiple of 16 (NVFP4 blocks), got " + dim);
        }
        if (meanBlockTokens < 0) {
            throw new IllegalArgumentException("meanBlockTokens must be >= 0 (0: no smoothing), got " + meanBlockTokens);
        }
        long rowCount = (long) heads * tokens;
        int meanBlocks = meanBlockTokens == 0 ? 0 : (tokens + meanBlockTokens - 1) / meanBlockTokens;
        try (CudaScope scope = new CudaScope()) {
            DeviceBuffer dx = scope.copyOf(x);
            DeviceBuffer dMeans = null;
            if (meanBlockTokens > 0) {
                dMeans = scope.allocate(4L * heads * meanBlocks * dim);
                try (KernelArgs args = new KernelArgs().pointer(dx).pointer(dMeans).i32(heads).i32(tokens).i32(dim)
                        .i32(meanBlockTokens).i32(meanBlocks)) {
                    means.launch((dim + 31) / 32, meanBlocks, heads, THREADS, 0, CudaStream.DEFAULT, args);
                }
            }
            DeviceBuffer codes = scope.allocate(rowCount * dim / 2);
            DeviceBuffer scales = scope.allocate(rowCount * dim / 16);
            codes.fill((byte) 0x5A);
            scales.fill((byte) 0x5A);
            launchRows(dx, dMeans, codes, scales, heads, tokens, dim, meanBlockTokens, variant, CudaStream.DEFAULT);
            CudaStream.DEFAULT.synchronize();
            Nvfp4Tensor t = new Nvfp4Tensor((int) rowCount, dim, codes.toBytes((int) (rowCount * dim / 2)),
                    scales.toBytes((int) (rowCount * dim / 16)), 1.0f);
            return new Smoothed(t, dMeans == null ? null : dMeans.toFloats(heads * meanBlocks * dim));
        }
    }

    /**
     * NVFP4 of V {@code [heads][tokens][dim]} transposed to {@code [heads·dim][padded]} rows (blocks of 16
     * tokens along each channel; tokens padded with zeros to a multiple of {@code padTo}, itself a multiple of 16).
     */
    public Nvfp4Tensor quantizeTransposed(float[] v, int heads, int tokens, int dim, int padTo, Nvfp4Variant variant) {
        checkShape(v, heads, tokens, dim);
        if (padTo <= 0 || padTo % 16 != 0) {
            throw new IllegalArgumentException("padTo must be a positive multiple of 16, got " + padTo);
        }
        int padded = (tokens + padTo - 1) / padTo * padTo;
        long rowsOut = (long) heads * dim;
        try (CudaScope scope = new CudaScope()) {
            DeviceBuffer dv = scope.copyOf(v);
            DeviceBuffer codes = scope.allocate(rowsOut * padded / 2);
            DeviceBuffer scales = scope.allocate(rowsOut * padded / 16);
            codes.fill((byte) 0x5A);
            scales.fill((byte) 0x5A);
            launchTransposed(dv, codes, scales, heads, tokens, dim, padded, variant, CudaStream.DEFAULT);
            CudaStream.DEFAULT.synchronize();
            return new Nvfp4Tensor((int) rowsOut, padded, codes.toBytes((int) (rowsOut * padded / 2)),
                    scales.toBytes((int) (rowsOut * padded / 16)), 1.0f);
        }
    }

    /** Launches the row quantizer on device buffers (means null or {@code [heads][blocks][dim]}); no synchronisation. */
    public void launchRows(DeviceBuffer x, DeviceBuffer meansOrNull, DeviceBuffer codes, DeviceBuffer scales, int heads,
                           int tokens, int dim, int meanBlockTokens, Nvfp4Variant variant, CudaStream stream) {
        long rowCount = (long) heads * tokens;
        int meanBlocks = meanBlockTokens == 0 ? 0 : (tokens + meanBlockTokens - 1) / meanBlockTokens;
        try (KernelArgs args = new KernelArgs().pointer(x).address(meansOrNull == null ? 0 : meansOrNull.address())
                .pointer(codes).pointer(scales).i64(rowCount).i32(dim).i32(tokens)
                .i32(Math.max(1, meanBlockTokens)).i32(meanBlocks).i32(variant.ordinal())) {
            rows.launch(blocks(rowCount * dim / 8), 1, 1, THREADS, 0, stream, args);  // one thread per 8 floats
        }
    }

    /** Launches the transposing V quantizer on device buffers (padded % 16 == 0); no synchronisation. */
    public void launchTransposed(DeviceBuffer v, DeviceBuffer codes, DeviceBuffer scales, int heads, int tokens, int dim,
                                 int padded, Nvfp4Variant variant, CudaStream stream) {
        try (KernelArgs args = new KernelArgs().pointer(v).pointer(codes).pointer(scales).i32(heads).i32(tokens)
                .i32(dim).i32(padded).i32(variant.ordinal())) {
            transposed.launch((dim + 31) / 32, (padded + 127) / 128, heads, THREADS, 0, stream, args);  // 32 channels x 128 tokens
        }
    }

    private static int blocks(long threads) {
        return (int) ((threads + THREADS - 1) / THREADS);
    }

    private static void checkShape(float[] x, int heads, int tokens, int dim) {
        if (heads <= 0 || tokens <= 0 || dim <= 0) {
            throw new IllegalArgumentException("heads, tokens and dim must be > 0, got " + heads + ", " + tokens + ", " + dim);
        }
        if (x == null || x.length != (long) heads * tokens * dim) {
            throw new IllegalArgumentException("input must have heads·tokens·dim = " + (long) heads * tokens * dim
                    + " elements, got " + (x == null ? "null" : x.length));
        }
    }

    @Override
    public void close() {
        module.close();
    }
}
