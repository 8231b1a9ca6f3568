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
    private final CudaModule.Kernel int8Large;
    private final CudaModule.Kernel channelAmax;
    private final CudaModule.Kernel fp8V;

    /** Loads the kernels into the current context (a {@link io.sage4j.cuda.CudaContext} must be open). */
    public Int8CudaQuantizers() {
        this.module = Int8CudaKernels.loadQuantizers();
        this.means = module.kernel("sage4j_block_means");
        this.int8 = module.kernel("sage4j_quant_int8");
        this.int8Large = module.kernel("sage4j_quant_int8_large");
        this.channelAmax = module.kernel("sage4j_channel_amax");
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
            DeviceBuffer amax = scope.allocate(4L * heads * dim);
            codes.fill((byte) 0x5A);
            launchV(dv, dMeans, amax, codes, scales, heads, tokens, dim, padded, CudaStream.DEFAULT);
            CudaStream.DEFAULT.synchronize();
            float[] meanValues = dMeans == null ? null : dMeans.toFloats(heads * dim);
            return new Fp8VTensor(heads, tokens, dim, padded, codes.toBytes(heads * dim * padded),
                    scales.toFloats(heads * dim), meanValues);
        }
    }

    /** Values one thread of the team kernel holds in registers (MAX_VALUES in quant_int8.cu). */
    private static final int VALUES_PER_THREAD = 16;
    /** Largest team: 16 warps (512 threads of 72 registers fit an SM's register file). */
    private static final int MAX_TEAM_WARPS = 16;

    /**
     * Launches the INT8 quantizer on device buffers (x, means or null, codes, scales); no synchronisation.
     * A group whose values fit a team of ≤ 16 warps at 16 registers each goes to the one-read team kernel
     * (several groups per CTA when they are small); larger groups go to the two-pass kernel.
     */
    public void launchInt8(DeviceBuffer x, DeviceBuffer means, DeviceBuffer codes, DeviceBuffer scales, int heads,
                           int tokens, int dim, TokenGrouping grouping, CudaStream stream) {
        int groups = grouping.groupCount(tokens);
        long values = (long) grouping.tokensPerGroup() * dim;
        int teamWarps = Integer.highestOneBit((int) Math.max(1, (values + 32L * VALUES_PER_THREAD - 1) / (32L * VALUES_PER_THREAD)));
        if (teamWarps * 32L * VALUES_PER_THREAD < values) {
            teamWarps *= 2;  // round up to a power of two
        }
        try (KernelArgs args = new KernelArgs().pointer(x).address(means == null ? 0 : means.address())
                .pointer(codes).pointer(scales).i32(tokens).i32(dim).i32(grouping.kind().ordinal())
                .i32(grouping.tokens()).i32(groups)) {
            if (teamWarps <= MAX_TEAM_WARPS) {
                int threads = Math.max(THREADS, teamWarps * 32);
                int groupsPerCta = threads / (teamWarps * 32);
                args.i32(teamWarps);
                int8.launch((groups + groupsPerCta - 1) / groupsPerCta, heads, 1, threads, 0, stream, args);
            } else {
                int8Large.launch(groups, heads, 1, 512, 0, stream, args);
            }
        }
    }

    /**
     * Launches the FP8 V quantizer on device buffers (padded % 32 == 0): the channel amax (atomic max over
     * 256-token chunks into {@code amaxScratch}, {@code [heads][dim]} floats), then quantize and transpose.
     * No synchronisation.
     */
    public void launchV(DeviceBuffer v, DeviceBuffer means, DeviceBuffer amaxScratch, DeviceBuffer codes,
                        DeviceBuffer scales, int heads, int tokens, int dim, int padded, CudaStream stream) {
        amaxScratch.fill((byte) 0, stream);
        int channelTiles = (dim + 31) / 32;
        int chunk = 256;
        try (KernelArgs args = new KernelArgs().pointer(v).address(means == null ? 0 : means.address())
                .pointer(amaxScratch).i32(tokens).i32(dim).i32(chunk)) {
            channelAmax.launch(channelTiles, (tokens + chunk - 1) / chunk, heads, THREADS, 0, stream, args);
        }
        try (KernelArgs args = new KernelArgs().pointer(v).address(means == null ? 0 : means.address())
                .pointer(amaxScratch).pointer(codes).pointer(scales).i32(tokens).i32(dim).i32(padded)) {
            fp8V.launch(channelTiles, padded / 32, heads, THREADS, 0, stream, args);
        }
    }

    /** Launches the channel-means kernel into {@code out} ({@code [heads][blocks][dim]} floats); no synchronisation. */
    public void launchMeans(DeviceBuffer x, DeviceBuffer out, int heads, int tokens, int dim, int blockTokens, int blocks,
                            CudaStream stream) {
        try (KernelArgs args = new KernelArgs().pointer(x).pointer(out).i32(heads).i32(tokens).i32(dim)
                .i32(blockTokens).i32(blocks)) {
            means.launch((dim + 31) / 32, blocks, heads, THREADS, 0, stream, args);  // 32 channels x 8 chunk rows
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
