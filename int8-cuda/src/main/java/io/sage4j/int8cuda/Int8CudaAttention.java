package io.sage4j.int8cuda;

import io.sage4j.cuda.CudaModule;
import io.sage4j.cuda.CudaScope;
import io.sage4j.cuda.CudaStream;
import io.sage4j.cuda.DeviceBuffer;
import io.sage4j.cuda.KernelArgs;
import io.sage4j.cuda.KernelAvailability;
import io.sage4j.reference.quant.TokenGrouping;

/**
 * SageAttention2 forward on the GPU, v1 (attn_int8_fp8.cu, mma.sync, cp.async double buffering): quantize Q, K (smoothed) and V with
 * the int8-cuda quantizers, then one attention kernel. It computes
 * {@code SageAttention2Algorithm(Sage2Config.sm90().withPvAccumulation(FP32))}: per-thread INT8 scales
 * (Q warp tiles of 16 rows, K tiles of 128), CTA_Q 64, CTA_K 128, FP32 accumulation of exact FP8 products.
 * Inputs and output are head-major {@code [B·H][N][D]} fp32; head dims 64 and 128.
 */
public final class Int8CudaAttention implements AutoCloseable {
    /** Q tokens per warp tile of the per-thread Q scales. */
    public static final TokenGrouping Q_GROUPING = TokenGrouping.perThreadQ(16);
    /** K tokens per tile of the per-thread K scales. */
    public static final TokenGrouping K_GROUPING = TokenGrouping.perThreadK(128);
    /** Query rows per CTA. */
    public static final int CTA_Q = 64;
    /** Keys per KV tile (V is padded to it). */
    public static final int CTA_K = 128;
    private static final float LOG2E = 1.44269504088896340736f;

    private final Int8CudaQuantizers quantizers;
    private final CudaModule module;
    private final CudaModule.Kernel d64;
    private final CudaModule.Kernel d128;

    /** The device buffers of one call: quantized inputs and the output. */
    public record Buffers(DeviceBuffer q8, DeviceBuffer qScales, DeviceBuffer k8, DeviceBuffer kScales, DeviceBuffer kMeans,
                          DeviceBuffer v8, DeviceBuffer vScales, DeviceBuffer vAmax, DeviceBuffer out) {}

    /** Loads the attention kernels next to {@code quantizers} (same context). */
    public Int8CudaAttention(Int8CudaQuantizers quantizers) {
        this.quantizers = quantizers;
        this.module = KernelAvailability.load(Int8CudaAttention.class, Int8CudaKernels.NAME, "attn_int8_fp8");
        this.d64 = module.kernel("sage4j_attn_int8_fp8_d64");
        this.d128 = module.kernel("sage4j_attn_int8_fp8_d128");
        d64.allowDynamicSharedMemory(sharedBytes(64));
        d128.allowDynamicSharedMemory(sharedBytes(128));
    }

    /**
     * Attention of head-major fp32 q {@code [B·hq][nq][dim]}, k and v {@code [B·hkv][nk][dim]}; returns the
     * head-major output {@code [B·hq][nq][dim]}.
     *
     * @param causal       causal mask; {@code causalOffset} 0 is top-left alignment, nk − nq bottom-right
     * @param smScale      softmax scale (1/sqrt(dim) by default at the API)
     */
    public float[] forward(float[] q, float[] k, float[] v, int batch, int hq, int hkv, int nq, int nk, int dim,
                           boolean causal, int causalOffset, float smScale) {
        check(batch, hq, hkv, nq, nk, dim);
        try (CudaScope scope = new CudaScope()) {
            DeviceBuffer dq = scope.copyOf(q);
            DeviceBuffer dk = scope.copyOf(k);
            DeviceBuffer dv = scope.copyOf(v);
            Buffers buffers = allocate(scope, batch, hq, hkv, nq, nk, dim);
            buffers.out().fill((byte) 0xFF);  // poison: NaN wherever the kernel writes nothing
            quantizeAndAttend(dq, dk, dv, buffers, batch, hq, hkv, nq, nk, dim, causal, causalOffset, smScale,
                    CudaStream.DEFAULT);
            CudaStream.DEFAULT.synchronize();
            return buffers.out().toFloats(batch * hq * nq * dim);
        }
    }

    /** Device buffers for a call of this shape, owned by {@code scope}. */
    public Buffers allocate(CudaScope scope, int batch, int hq, int hkv, int nq, int nk, int dim) {
        int npad = padded(nk);
        long qHeads = (long) batch * hq;
        long kvHeads = (long) batch * hkv;
        return new Buffers(scope.allocate(qHeads * nq * dim), scope.allocate(4L * qHeads * Q_GROUPING.groupCount(nq)),
                scope.allocate(kvHeads * nk * dim), scope.allocate(4L * kvHeads * K_GROUPING.groupCount(nk)),
                scope.allocate(4L * kvHeads * dim), scope.allocate(kvHeads * dim * npad), scope.allocate(4L * kvHeads * dim),
                scope.allocate(4L * kvHeads * dim), scope.allocate(4L * qHeads * nq * dim));
    }

    /** The whole call on {@code stream}, no synchronisation: K means, three quantizers, attention. */
    public void quantizeAndAttend(DeviceBuffer q, DeviceBuffer k, DeviceBuffer v, Buffers b, int batch, int hq, int hkv,
                                  int nq, int nk, int dim, boolean causal, int causalOffset, float smScale, CudaStream stream) {
        int qHeads = batch * hq;
        int kvHeads = batch * hkv;
        quantizers.launchInt8(q, null, b.q8(), b.qScales(), qHeads, nq, dim, Q_GROUPING, stream);
        quantizers.launchMeans(k, b.kMeans(), kvHeads, nk, dim, nk, 1, stream);
        quantizers.launchInt8(k, b.kMeans(), b.k8(), b.kScales(), kvHeads, nk, dim, K_GROUPING, stream);
        quantizers.launchV(v, null, b.vAmax(), b.v8(), b.vScales(), kvHeads, nk, dim, padded(nk), stream);
        attend(b, batch, hq, hkv, nq, nk, dim, causal, causalOffset, smScale, stream);
    }

    /** The attention kernel alone, on quantized inputs already in {@code b}. */
    public void attend(Buffers b, int batch, int hq, int hkv, int nq, int nk, int dim, boolean causal, int causalOffset,
                       float smScale, CudaStream stream) {
        float c = smScale * LOG2E;  // as the reference: resolvedScale · log2e in float
        try (KernelArgs args = new KernelArgs().pointer(b.q8()).pointer(b.qScales()).pointer(b.k8()).pointer(b.kScales())
                .pointer(b.v8()).pointer(b.vScales()).address(0).pointer(b.out()).i32(hq).i32(hkv).i32(nq).i32(nk)
                .i32(padded(nk)).f32(c).i32(causal ? 1 : 0).i32(causalOffset)) {
            (dim == 64 ? d64 : d128).launch((nq + CTA_Q - 1) / CTA_Q, batch * hq, 1, 128, sharedBytes(dim), stream, args);
        }
    }

    /** Two stages of a K tile and a Vᵀ tile, rows padded by 16 bytes (attn_int8_fp8.cu). */
    static int sharedBytes(int dim) {
        return 2 * (CTA_K * (dim + 16) + dim * (CTA_K + 16));
    }

    static int padded(int nk) {
        return (nk + CTA_K - 1) / CTA_K * CTA_K;
    }

    private static void check(int batch, int hq, int hkv, int nq, int nk, int dim) {
        if (batch <= 0 || hq <= 0 || hkv <= 0 || nq <= 0 || nk <= 0) {
            throw new IllegalArgumentException("batch, heads, kvHeads, tokensQ and tokensK must be > 0, got "
                    + batch + ", " + hq + ", " + hkv + ", " + nq + ", " + nk);
        }
        if (hq % hkv != 0) {
            throw new IllegalArgumentException("heads (" + hq + ") must be a multiple of kvHeads (" + hkv + ")");
        }
        if (dim != 64 && dim != 128) {
            throw new IllegalArgumentException("headDim must be 64 or 128 for int8-cuda, got " + dim);
        }
    }

    @Override
    public void close() {
        module.close();
    }
}
