// SageAttention2 forward, v1: INT8 QKᵀ with mma.sync m16n8k32 (exact int32), online softmax in the exp2
// domain with the 8.807 offset, P rounded to E4M3 and PV computed with mma.sync m16n8k16 on FP16 operands.
// v1: K and V tiles double-buffered with cp.async (the next tile loads while this one computes; dynamic
// shared memory, 2 stages), and exp2 by ex2.approx.ftz (≤ 2 ulp, the same bound as exp2f had).
// Every E4M3 value of P̂ and V̂ is exactly an FP16 value and FP16 products are exact, so this computes what
// an FP8 MMA computes, up to accumulation order (on sm_90 ptxas lowers mma.sync e4m3 to the same FP16 HMMA,
// specs/numerics.md §7). The algorithm is io.sage4j.reference.attention.SageAttention2Algorithm with
// Sage2Config.sm90() and FP32 PV accumulation: per-thread INT8 scales (Q warp tiles of 16 rows, K tiles of
// 128 keys), CTA_Q = 64, CTA_K = 128, KV tiles ascending.
//
// Layouts: q8 [B·Hq][Nq][D] int8, qScales [B·Hq][Nq/16·8]; k8 [B·Hkv][Nk][D] int8, kScales [B·Hkv][⌈Nk/128⌉·4];
// v8 [B·Hkv][D][Npad] E4M3 codes (Npad % 128 == 0, zero padded), vScales [B·Hkv][D], vMeans [B·Hkv][D] or null;
// out [B·Hq][Nq][D] fp32. One CTA of 4 warps per (64 query rows, query head); warp w owns rows 16w..16w+15.
// Built with -fmad=false (like the quantizers): the fmaf calls below are the only fused operations.
#include <cuda_fp16.h>
#include "sage4j_convert.cuh"
#include "sage4j_random.cuh"

namespace {

constexpr int CTA_Q = 64;
constexpr int CTA_K = 128;
constexpr int THREADS = 128;
constexpr float P_OFFSET = 8.807f;  // ≈ log2 448: P's row maximum lands at the top of E4M3
constexpr int PAD = 16;             // smem row padding (bytes): conflict-free fragment loads

__device__ __forceinline__ void mma_s8(int (&c)[4], const int (&a)[4], int b0, int b1) {
    asm volatile(
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};\n"
        : "+r"(c[0]), "+r"(c[1]), "+r"(c[2]), "+r"(c[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
}

__device__ __forceinline__ void mma_f16(float (&c)[4], const uint32_t (&a)[4], uint32_t b0, uint32_t b1) {
    asm volatile(
        "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};\n"
        : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
}

// 2^x with the MUFU instruction: ≤ 2 ulp (PTX ISA), the bound the accuracy check assumes for any exp2.
__device__ __forceinline__ float ex2(float x) {
    float y;
    asm("ex2.approx.ftz.f32 %0, %1;" : "=f"(y) : "f"(x));
    return y;
}

// 16 bytes global -> shared without passing through registers; bytes = 0 fills the destination with zeros.
__device__ __forceinline__ void cp_async16(void* dst, const void* src, int bytes) {
    const unsigned s = (unsigned)__cvta_generic_to_shared(dst);
    asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" :: "r"(s), "l"(src), "r"(bytes));
}

__device__ __forceinline__ void cp_async_commit() { asm volatile("cp.async.commit_group;\n" ::); }

template <int N>
__device__ __forceinline__ void cp_async_wait() { asm volatile("cp.async.wait_group %0;\n" :: "n"(N)); }

// Two floats -> E4M3 (RNE, satfinite) -> two exact halves packed in one register.
__device__ __forceinline__ uint32_t e4m3_halves(float lo, float hi) {
    const __nv_fp8x2_storage_t codes = __nv_cvt_float2_to_fp8x2(make_float2(lo, hi), __NV_SATFINITE, __NV_E4M3);
    const __half2_raw h = __nv_cvt_fp8x2_to_halfraw2(codes, __NV_E4M3);
    return (uint32_t)h.x | ((uint32_t)h.y << 16);
}

// Two consecutive E4M3 codes (low byte first) -> two exact halves packed in one register.
__device__ __forceinline__ uint32_t codes_to_halves(uint16_t codes) {
    const __half2_raw h = __nv_cvt_fp8x2_to_halfraw2((__nv_fp8x2_storage_t)codes, __NV_E4M3);
    return (uint32_t)h.x | ((uint32_t)h.y << 16);
}

template <int D>
__device__ __forceinline__ void attention(const int8_t* __restrict__ q8, const float* __restrict__ qScales,
                                          const int8_t* __restrict__ k8, const float* __restrict__ kScales,
                                          const uint8_t* __restrict__ v8, const float* __restrict__ vScales,
                                          const float* __restrict__ vMeans, float* __restrict__ out,
                                          int hq, int hkv, int nq, int nk, int npad, float c, int causal,
                                          int causalOffset) {
    constexpr int KSTEPS = D / 32;   // k32 steps of QKᵀ
    constexpr int NTILES = CTA_K / 8;  // n8 tiles of S per warp
    constexpr int OTILES = D / 8;      // n8 tiles of O per warp
    constexpr int KROW = D + PAD;
    constexpr int VROW = CTA_K + PAD;
    extern __shared__ __align__(16) uint8_t smem[];  // [stage][K tile | Vᵀ tile]
    constexpr int STAGE = CTA_K * KROW + D * VROW;

    const int warp = threadIdx.x >> 5;
    const int lane = threadIdx.x & 31;
    const int g = lane >> 2;   // row within the 8-row half of an m16 tile
    const int t = lane & 3;    // column pair
    const int bh = blockIdx.y;
    const int b = bh / hq;
    const int h = bh % hq;
    const int kvHead = b * hkv + h / (hq / hkv);
    const int rowBase = blockIdx.x * CTA_Q + warp * 16;
    const int row0 = rowBase + g;      // this thread's two rows
    const int row1 = rowBase + g + 8;

    // Q fragments for the whole head dimension, loaded once (rows past Nq are zero).
    int qa[KSTEPS][4];
    const int8_t* qHead = q8 + (long long)bh * nq * D;
#pragma unroll
    for (int s = 0; s < KSTEPS; ++s) {
        const int col = s * 32 + 4 * t;
        qa[s][0] = row0 < nq ? *reinterpret_cast<const int*>(qHead + (long long)row0 * D + col) : 0;
        qa[s][1] = row1 < nq ? *reinterpret_cast<const int*>(qHead + (long long)row1 * D + col) : 0;
        qa[s][2] = row0 < nq ? *reinterpret_cast<const int*>(qHead + (long long)row0 * D + col + 16) : 0;
        qa[s][3] = row1 < nq ? *reinterpret_cast<const int*>(qHead + (long long)row1 * D + col + 16) : 0;
    }
    // Per-thread Q scale: rows g and g+8 of a 16-row warp tile share group (row / 16)·8 + g. A warp tile that
    // starts past Nq has no scales (its rows are never stored).
    const float qScale = rowBase < nq ? qScales[(long long)bh * ((nq + 15) / 16 * 8) + (rowBase / 16) * 8 + g] : 0.0f;
    const int kGroups = (nk + CTA_K - 1) / CTA_K * 4;

    float o[OTILES][4];
#pragma unroll
    for (int j = 0; j < OTILES; ++j) o[j][0] = o[j][1] = o[j][2] = o[j][3] = 0.0f;
    float m[2] = {-INFINITY, -INFINITY};
    float d[2] = {0.0f, 0.0f};  // this thread's partial row sums

    const int lastRow = min(nq, (int)(blockIdx.x + 1) * CTA_Q) - 1;
    const int lastKey = causal ? min(nk - 1, lastRow + causalOffset) : nk - 1;
    const int tiles = lastKey < 0 ? 0 : lastKey / CTA_K + 1;
    const int8_t* kHead = k8 + (long long)kvHead * nk * D;
    const uint8_t* vHead = v8 + (long long)kvHead * D * npad;

    // Issue the cp.async loads of one KV tile into a stage: K rows past Nk are zero-filled; Vᵀ is padded.
    auto load = [&](int tile, int stage) {
        const int key0 = tile * CTA_K;
        int8_t* kTile = reinterpret_cast<int8_t*>(smem + stage * STAGE);
        uint8_t* vTile = smem + stage * STAGE + CTA_K * KROW;
        for (int i = threadIdx.x; i < CTA_K * D / 16; i += THREADS) {
            const int key = i / (D / 16);
            const int col = (i % (D / 16)) * 16;
            const bool inside = key0 + key < nk;
            cp_async16(kTile + key * KROW + col, kHead + (long long)(inside ? key0 + key : 0) * D + col, inside ? 16 : 0);
        }
        for (int i = threadIdx.x; i < D * CTA_K / 16; i += THREADS) {
            const int ch = i / (CTA_K / 16);
            const int col = (i % (CTA_K / 16)) * 16;
            cp_async16(vTile + ch * VROW + col, vHead + (long long)ch * npad + key0 + col, 16);
        }
        cp_async_commit();
    };
    if (tiles > 0) load(0, 0);

    for (int tile = 0; tile < tiles; ++tile) {
        const int key0 = tile * CTA_K;
        if (tile + 1 < tiles) {
            load(tile + 1, (tile + 1) & 1);  // its stage was released by the barrier at the end of tile − 1
            cp_async_wait<1>();
        } else {
            cp_async_wait<0>();
        }
        __syncthreads();
        const int8_t* kTile = reinterpret_cast<const int8_t*>(smem + (tile & 1) * STAGE);
        const uint8_t* vTile = smem + (tile & 1) * STAGE + CTA_K * KROW;

        // S = Q·Kᵀ, exact int32.
        int s[NTILES][4];
#pragma unroll
        for (int j = 0; j < NTILES; ++j) s[j][0] = s[j][1] = s[j][2] = s[j][3] = 0;
#pragma unroll
        for (int ks = 0; ks < KSTEPS; ++ks) {
#pragma unroll
            for (int j = 0; j < NTILES; ++j) {
                const int8_t* kr = kTile + (j * 8 + g) * KROW + ks * 32 + 4 * t;
                mma_s8(s[j], qa[ks], *reinterpret_cast<const int*>(kr), *reinterpret_cast<const int*>(kr + 16));
            }
        }

        // Scores x = f32(s)·dq; the tile's row maxima of fma(x, c, −offset) over visible keys.
        const float dq = qScale * kScales[(long long)kvHead * kGroups + tile * 4 + t];
        float x[NTILES][4];
        float tileMax[2] = {-INFINITY, -INFINITY};
#pragma unroll
        for (int j = 0; j < NTILES; ++j) {
#pragma unroll
            for (int e = 0; e < 4; ++e) {
                const int key = key0 + j * 8 + 2 * t + (e & 1);
                const int row = e < 2 ? row0 : row1;
                const bool visible = key < nk && (!causal || key <= row + causalOffset);
                x[j][e] = visible ? __fmul_rn(__int2float_rn(s[j][e]), dq) : -INFINITY;
                if (visible) tileMax[e >> 1] = fmaxf(tileMax[e >> 1], fmaf(x[j][e], c, -P_OFFSET));
            }
        }
        float alpha[2];
        float mNew[2];
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            tileMax[r] = fmaxf(tileMax[r], __shfl_xor_sync(0xffffffffu, tileMax[r], 1));
            tileMax[r] = fmaxf(tileMax[r], __shfl_xor_sync(0xffffffffu, tileMax[r], 2));
            mNew[r] = fmaxf(m[r], tileMax[r]);
            // No visible key yet: O and d are 0, nothing to rescale.
            alpha[r] = mNew[r] == -INFINITY ? 1.0f : ex2(m[r] - mNew[r]);
            d[r] *= alpha[r];
            m[r] = mNew[r];
        }
        // P = ex2(fma(x, c, −m)) in [0, ≈448]; d sums the unquantized P.
#pragma unroll
        for (int j = 0; j < NTILES; ++j) {
#pragma unroll
            for (int e = 0; e < 4; ++e) {
                const float p = x[j][e] == -INFINITY ? 0.0f : ex2(fmaf(x[j][e], c, -mNew[e >> 1]));
                d[e >> 1] += p;
                x[j][e] = p;
            }
        }
#pragma unroll
        for (int j = 0; j < OTILES; ++j) {
            o[j][0] *= alpha[0]; o[j][1] *= alpha[0];
            o[j][2] *= alpha[1]; o[j][3] *= alpha[1];
        }
        // O += P̂·V̂: the C fragments of S tiles 2k, 2k+1 are the A fragment of the k16 step k.
#pragma unroll
        for (int k = 0; k < CTA_K / 16; ++k) {
            uint32_t pa[4];
            pa[0] = e4m3_halves(x[2 * k][0], x[2 * k][1]);
            pa[1] = e4m3_halves(x[2 * k][2], x[2 * k][3]);
            pa[2] = e4m3_halves(x[2 * k + 1][0], x[2 * k + 1][1]);
            pa[3] = e4m3_halves(x[2 * k + 1][2], x[2 * k + 1][3]);
#pragma unroll
            for (int j = 0; j < OTILES; ++j) {
                const uint8_t* vr = vTile + (j * 8 + g) * VROW + k * 16 + 2 * t;
                mma_f16(o[j], pa, codes_to_halves(*reinterpret_cast<const uint16_t*>(vr)),
                        codes_to_halves(*reinterpret_cast<const uint16_t*>(vr + 8)));
            }
        }
        __syncthreads();  // every warp is done with this stage before the next prefetch overwrites it
    }

    // Epilogue: full row sums over the 4 lanes of a row, O / d · vScale (+ vMean).
#pragma unroll
    for (int r = 0; r < 2; ++r) {
        d[r] += __shfl_xor_sync(0xffffffffu, d[r], 1);
        d[r] += __shfl_xor_sync(0xffffffffu, d[r], 2);
    }
    float* outHead = out + (long long)bh * nq * D;
#pragma unroll
    for (int j = 0; j < OTILES; ++j) {
        const int ch = j * 8 + 2 * t;
        const float s0 = vScales[(long long)kvHead * D + ch];
        const float s1 = vScales[(long long)kvHead * D + ch + 1];
        const float m0 = vMeans ? vMeans[(long long)kvHead * D + ch] : 0.0f;
        const float m1 = vMeans ? vMeans[(long long)kvHead * D + ch + 1] : 0.0f;
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            const int row = r == 0 ? row0 : row1;
            if (row >= nq) continue;
            float2 val = make_float2(0.0f, 0.0f);  // a fully masked row is 0
            if (d[r] != 0.0f) {
                val.x = __fmul_rn(__fdiv_rn(o[j][2 * r], d[r]), s0);
                val.y = __fmul_rn(__fdiv_rn(o[j][2 * r + 1], d[r]), s1);
                if (vMeans) {
                    val.x = __fadd_rn(val.x, m0);
                    val.y = __fadd_rn(val.y, m1);
                }
            }
            *reinterpret_cast<float2*>(outHead + (long long)row * D + ch) = val;
        }
    }
}

}  // namespace

#define SAGE4J_ATTN_KERNEL(D)                                                                                   \
    extern "C" __global__ void __launch_bounds__(THREADS) sage4j_attn_int8_fp8_d##D(                           \
        const int8_t* q8, const float* qScales, const int8_t* k8, const float* kScales, const uint8_t* v8,      \
        const float* vScales, const float* vMeans, float* out, int hq, int hkv, int nq, int nk, int npad,       \
        float c, int causal, int causalOffset) {                                                                \
        attention<D>(q8, qScales, k8, kScales, v8, vScales, vMeans, out, hq, hkv, nq, nk, npad, c, causal,      \
                     causalOffset);                                                                             \
    }

SAGE4J_ATTN_KERNEL(64)
SAGE4J_ATTN_KERNEL(128)
