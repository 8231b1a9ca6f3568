package io.sage4j.int8cuda;

import io.sage4j.cuda.CudaModule;
import io.sage4j.cuda.CudaScope;
import io.sage4j.cuda.CudaStream;
import io.sage4j.cuda.DeviceBuffer;
import io.sage4j.cuda.KernelArgs;
import io.sage4j.reference.quant.Fp8VTensor;
import io.sage4j.reference.quant.Int8Tensor;
import io.sage4j.reference.quant.TokenGrouping;

/**
 * The GPU quantizers of int8-cuda, called on host arrays and returning the reference's own records, so
 * that a GPU result and a reference result compare with {@code Arrays.equals}. Each call copies in,
 * launches on one stream, copies out, and frees everything it allocated.
 */
public final class Int8CudaQuantizers implements AutoCloseable {
    private static final int THREADS = 256;
    private final CudaModule module;
    private final CudaModule.Kernel means;
    private final CudaModule.Kernel int8;
    private final CudaModule.Kernel fp8V;

    /** Loads the kernels into the current context (a {@link io.sage4j.cuda.CudaContext} must be open). */
    public Int8CudaQuantizers() {
        this.module = Int8CudaKernels.loadQuantizers();
        this.means = module.kernel("sage4j_block_means");
        this.int8 = module.kernel("sage4j_quant_int8");
        this.fp8V = module.kernel("sage4j_quant_fp8_v");
    }

    /** The loaded module (for the conversion check kernel it also holds). */
    public CudaModule module() {
        return module;
    }

    /**
     * INT8 quantization of x {@code [heads][tokens][dim]} with the given grouping; with {@code smooth} the
     * per-channel means are computed on the GPU and subtracted first (K smoothing), as
     * {@code Int8Quantizer.quantize(x, …, Smoothing.channelMeans(x, …))} does.
     */
    public Int8Tensor quantizeInt8(float[] x, int heads, int tokens, int dim, TokenGrouping grouping, boolean smooth) {
        checkShape(x, heads, tokens, dim);
        int groups = grouping.groupCount(tokens);
        try (CudaScope scope = new CudaScope()) {
            DeviceBuffer dx = scope.copyOf(x);
            DeviceBuffer dMeans = smooth ? blockMeans(scope, dx, heads, tokens, dim, tokens, 1) : null;
            DeviceBuffer codes = scope.allocate(x.length);
            DeviceBuffer scales = scope.allocate(4L * heads * groups);
            codes.fill((byte) 0x5A);  // poison: an unwritten code shows as a mismatch
            launchInt8(dx, dMeans, codes, scales, heads, tokens, dim, grouping, CudaStream.DEFAULT);
            CudaStream.DEFAULT.synchronize();
            float[] meanValues = dMeans == null ? null : dMeans.toFloats(heads * dim);
            return new Int8Tensor(heads, tokens, dim, grouping, codes.toBytes(x.length), scales.toFloats(heads * groups),
                    meanValues);
        }
    }

    /**
     * FP8 E4M3 per-channel quantization of v {@code [heads][tokens][dim]}, transposed to
     * {@code [heads][dim][padded]}, as {@code Fp8VQuantizer.quantize} does. padTo must be a multiple of 32.
     */
    public Fp8VTensor quantizeV(float[] v, int heads, int tokens, int dim, int padTo, boolean smooth) {
        checkShape(v, heads, tokens, dim);
        if (padTo <= 0 || padTo % 32 != 0) {
            throw new IllegalArgumentException("padTo must be a positive multiple of 32, got " + padTo);
        }
        int padded = (tokens + padTo - 1) / padTo * padTo;
        try (CudaScope scope = new CudaScope()) {
            DeviceBuffer dv = scope.copyOf(v);
            DeviceBuffer dMeans = smooth ? blockMeans(scope, dv, heads, tokens, dim, tokens, 1) : null;
            DeviceBuffer codes = scope.allocate((long) heads * dim * padded);
            DeviceBuffer scales = scope.allocate(4L * heads * dim);
            codes.fill((byte) 0x5A);
            launchV(dv, dMeans, codes, scales, heads, tokens, dim, padded, CudaStream.DEFAULT);
            CudaStream.DEFAULT.synchronize();
            float[] meanValues = dMeans == null ? null : dMeans.toFloats(heads * dim);
            return new Fp8VTensor(heads, tokens, dim, padded, codes.toBytes(heads * dim * padded),
                    scales.toFloats(heads * dim), meanValues);
        }
    }

    /** Launches the INT8 quantizer on device buffers (x, means or null, codes, scales); no synchronisation. */
    public void launchInt8(DeviceBuffer x, DeviceBuffer means, DeviceBuffer codes, DeviceBuffer scales, int heads,
                           int tokens, int dim, TokenGrouping grouping, CudaStream stream) {
        int groups = grouping.groupCount(tokens);
        try (KernelArgs args = new KernelArgs().pointer(x).address(means == null ? 0 : means.address())
                .pointer(codes).pointer(scales).i32(tokens).i32(dim).i32(grouping.kind().ordinal())
                .i32(grouping.tokens()).i32(groups)) {
            int8.launch(groups, heads, 1, THREADS, 0, stream, args);
        }
    }

    /** Launches the FP8 V quantizer on device buffers (padded % 32 == 0); no synchronisation. */
    public void launchV(DeviceBuffer v, DeviceBuffer means, DeviceBuffer codes, DeviceBuffer scales, int heads,
                        int tokens, int dim, int padded, CudaStream stream) {
        try (KernelArgs args = new KernelArgs().pointer(v).address(means == null ? 0 : means.address())
                .pointer(codes).pointer(scales).i32(tokens).i32(dim).i32(padded)) {
            fp8V.launch((dim + 31) / 32, heads, 1, THREADS, 0, stream, args);
        }
    }

    /** Launches the channel-means kernel into {@code out} ({@code [heads][blocks][dim]} floats); no synchronisation. */
    public void launchMeans(DeviceBuffer x, DeviceBuffer out, int heads, int tokens, int dim, int blockTokens, int blocks,
                            CudaStream stream) {
        long total = (long) heads * blocks * dim;
        try (KernelArgs args = new KernelArgs().pointer(x).pointer(out).i32(heads).i32(tokens).i32(dim)
                .i32(blockTokens).i32(blocks)) {
            means.launch((int) ((total + THREADS - 1) / THREADS), 1, 1, THREADS, 0, stream, args);
        }
    }

    private DeviceBuffer blockMeans(CudaScope scope, DeviceBuffer x, int heads, int tokens, int dim, int blockTokens, int blocks) {
        DeviceBuffer out = scope.allocate(4L * heads * blocks * dim);
        launchMeans(x, out, heads, tokens, dim, blockTokens, blocks, CudaStream.DEFAULT);
        return out;
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
