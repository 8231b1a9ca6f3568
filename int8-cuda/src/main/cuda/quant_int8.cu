// INT8 Q/K and FP8 V quantizers of the SageAttention2 path, byte-identical to the Java reference
// (io.sage4j.reference.quant.Int8Quantizer, Fp8VQuantizer, Smoothing). Built without fast math and with
// -fmad=false: every operation is one IEEE binary32 (or binary64) operation with round-to-nearest, the
// same as Java's float arithmetic, and the explicit __f*_rn intrinsics make the order visible.
#include "sage4j_convert.cuh"
#include "sage4j_smoothing.cuh"
#include "sage4j_conversion_check.cuh"

namespace {

// The token of member i of group g (TokenGrouping, specs/algorithms.md §2.2.4); kind is the ordinal of
// TokenGrouping.Kind: 0 PER_BLOCK, 1 PER_WARP, 2 PER_THREAD_Q, 3 PER_THREAD_K.
__device__ __forceinline__ int member_token(int kind, int tileTokens, int g, int i) {
    switch (kind) {
        case 2: return (g >> 3) * tileTokens + (g & 7) + 8 * i;
        case 3: return (g >> 2) * tileTokens + 8 * (i >> 1) + 2 * (g & 3) + (i & 1);
        default: return g * tileTokens + i;
    }
}

__device__ __forceinline__ int members_per_group(int kind, int tileTokens) {
    return kind == 2 ? tileTokens / 8 : kind == 3 ? tileTokens / 4 : tileTokens;
}

}  // namespace

// Values a thread of the team path keeps in registers (the host picks team sizes so a group fits).
constexpr int MAX_VALUES = 16;

// Team path: a team of `teamWarps` warps per (group, head), several teams per CTA for small groups. Each
// thread loads its share of the group once (VEC floats at a time) into registers, the team reduces the
// amax, and the thread quantizes what it holds: one read of x. x: [heads][tokens][dim]; means:
// [heads][dim] or null; codes: like x; scales: [heads][groups]. Needs dim % VEC == 0.
template <int VEC>
__device__ __forceinline__ void quant_int8_team(const float* __restrict__ x, const float* __restrict__ means,
                                                int8_t* __restrict__ codes, float* __restrict__ scales,
                                                int tokens, int dim, int kind, int tileTokens, int groups,
                                                int teamWarps) {
    constexpr int SLOTS = MAX_VALUES / VEC;
    __shared__ float teamMax[32];
    const int teamThreads = teamWarps * 32;
    const int team = threadIdx.x / teamThreads;
    const int tt = threadIdx.x % teamThreads;
    const int g = blockIdx.x * (blockDim.x / teamThreads) + team;
    const int h = blockIdx.y;
    const bool active = g < groups;
    const int vecsPerRow = dim / VEC;
    const int items = members_per_group(kind, tileTokens) * vecsPerRow;
    const long long headBase = (long long)h * tokens * dim;
    const float* mean = means ? means + (long long)h * dim : nullptr;

    // Slot s of this thread: member row m and vector column cv of the group. When a pass of the team covers
    // whole rows (teamThreads % vecsPerRow == 0, e.g. D = 64 or 128) the column is fixed per thread and the
    // row advances by rowsPerPass: no integer division per slot, which otherwise dominates the kernel.
    const int members = items / vecsPerRow;
    const bool wholeRows = teamThreads % vecsPerRow == 0;
    const int rowsPerPass = teamThreads / vecsPerRow;
    const int myColumn = tt % vecsPerRow;
    const int myRow = tt / vecsPerRow;
    auto element = [&](int s, int& c) -> long long {
        int m;
        if (wholeRows) {
            m = myRow + s * rowsPerPass;
            c = myColumn * VEC;
        } else {
            const int item = tt + s * teamThreads;
            m = item / vecsPerRow;
            c = (item % vecsPerRow) * VEC;
        }
        if (!active || m >= members) return -1;
        const int t = member_token(kind, tileTokens, g, m);
        return t >= tokens ? -1 : headBase + (long long)t * dim + c;
    };
    float v[SLOTS][VEC];
    float amax = 0.0f;
#pragma unroll
    for (int s = 0; s < SLOTS; ++s) {
        int c;
        const long long at = element(s, c);
        if (at < 0) continue;
        if (VEC == 4) {
            const float4 q = *reinterpret_cast<const float4*>(x + at);
            v[s][0] = q.x; v[s][1 % VEC] = q.y; v[s][2 % VEC] = q.z; v[s][3 % VEC] = q.w;
        } else {
            v[s][0] = x[at];
        }
#pragma unroll
        for (int k = 0; k < VEC; ++k) {
            if (mean) v[s][k] = __fsub_rn(v[s][k], mean[c + k]);
            amax = sage4j::max_abs(amax, v[s][k]);
        }
    }
    amax = sage4j::warp_max(amax);
    if (teamWarps > 1) {  // uniform across the CTA: every team has the same size
        const int warp = threadIdx.x >> 5;
        __syncthreads();
        if ((threadIdx.x & 31) == 0) teamMax[warp] = amax;
        __syncthreads();
        const int lane = threadIdx.x & 31;
        amax = lane < teamWarps ? teamMax[team * teamWarps + lane] : 0.0f;
        amax = sage4j::warp_max(amax);
    }
    amax = fmaxf(1e-7f, amax);
    const float multiplier = __fdiv_rn(127.0f, amax);
    if (active && tt == 0) scales[(long long)h * groups + g] = __fdiv_rn(amax, 127.0f);
#pragma unroll
    for (int s = 0; s < SLOTS; ++s) {
        int c;
        const long long at = element(s, c);
        if (at < 0) continue;
        if (VEC == 4) {
            uint32_t packed = 0;
#pragma unroll
            for (int k = 0; k < VEC; ++k) {
                packed |= (uint32_t)(uint8_t)sage4j::to_int8(__fmul_rn(v[s][k], multiplier)) << (8 * k);
            }
            *reinterpret_cast<uint32_t*>(codes + at) = packed;
        } else {
            codes[at] = sage4j::to_int8(__fmul_rn(v[s][0], multiplier));
        }
    }
}

extern "C" __global__ void sage4j_quant_int8(const float* __restrict__ x, const float* __restrict__ means,
                                             int8_t* __restrict__ codes, float* __restrict__ scales,
                                             int tokens, int dim, int kind, int tileTokens, int groups,
                                             int teamWarps) {
    if (dim % 4 == 0) {
        quant_int8_team<4>(x, means, codes, scales, tokens, dim, kind, tileTokens, groups, teamWarps);
    } else {
        quant_int8_team<1>(x, means, codes, scales, tokens, dim, kind, tileTokens, groups, teamWarps);
    }
}

// Large-group path (more values than a team of 16 warps holds in registers): one CTA per (group, head),
// two passes over the group; the second pass reads from L2 (a group is at most a few hundred KB and only a
// few groups per SM are in flight).
template <int VEC>
__device__ __forceinline__ void quant_int8_large_impl(const float* __restrict__ x, const float* __restrict__ means,
                                                      int8_t* __restrict__ codes, float* __restrict__ scales,
                                                      int tokens, int dim, int kind, int tileTokens, int groups) {
    __shared__ float scratch[32];
    const int g = blockIdx.x;
    const int h = blockIdx.y;
    const int vecsPerRow = dim / VEC;
    const int members = members_per_group(kind, tileTokens);
    const long long headBase = (long long)h * tokens * dim;
    const float* mean = means ? means + (long long)h * dim : nullptr;
    // As in the team path: with whole rows per pass each thread keeps one column and walks rows.
    const bool wholeRows = blockDim.x % vecsPerRow == 0;
    const int step = wholeRows ? blockDim.x / vecsPerRow : 0;
    auto load = [&](int m, int c, float (&v)[VEC]) -> long long {
        const int t = member_token(kind, tileTokens, g, m);
        if (t >= tokens) return -1;
        const long long at = headBase + (long long)t * dim + c;
        if (VEC == 4) {
            const float4 q = *reinterpret_cast<const float4*>(x + at);
            v[0] = q.x; v[1 % VEC] = q.y; v[2 % VEC] = q.z; v[3 % VEC] = q.w;
        } else {
            v[0] = x[at];
        }
#pragma unroll
        for (int k = 0; k < VEC; ++k) {
            if (mean) v[k] = __fsub_rn(v[k], mean[c + k]);
        }
        return at;
    };
    // Visits every (member row, column) of the group once, this thread's share.
    auto forEach = [&](auto&& body) {
        if (wholeRows) {
            const int c = (threadIdx.x % vecsPerRow) * VEC;
            for (int m = threadIdx.x / vecsPerRow; m < members; m += step) body(m, c);
        } else {
            for (int item = threadIdx.x; item < members * vecsPerRow; item += blockDim.x) {
                body(item / vecsPerRow, (item % vecsPerRow) * VEC);
            }
        }
    };

    float amax = 0.0f;
    forEach([&](int m, int c) {
        float v[VEC];
        if (load(m, c, v) < 0) return;
#pragma unroll
        for (int k = 0; k < VEC; ++k) amax = sage4j::max_abs(amax, v[k]);
    });
    amax = sage4j::block_max(amax, scratch);
    amax = fmaxf(1e-7f, amax);
    const float multiplier = __fdiv_rn(127.0f, amax);
    if (threadIdx.x == 0) scales[(long long)h * groups + g] = __fdiv_rn(amax, 127.0f);

    forEach([&](int m, int c) {  // second pass: the group was just read, so this reads L2
        float v[VEC];
        const long long at = load(m, c, v);
        if (at < 0) return;
        if (VEC == 4) {
            uint32_t packed = 0;
#pragma unroll
            for (int k = 0; k < VEC; ++k) {
                packed |= (uint32_t)(uint8_t)sage4j::to_int8(__fmul_rn(v[k], multiplier)) << (8 * k);
            }
            *reinterpret_cast<uint32_t*>(codes + at) = packed;
        } else {
            codes[at] = sage4j::to_int8(__fmul_rn(v[0], multiplier));
        }
    });
}

extern "C" __global__ void sage4j_quant_int8_large(const float* __restrict__ x, const float* __restrict__ means,
                                                   int8_t* __restrict__ codes, float* __restrict__ scales,
                                                   int tokens, int dim, int kind, int tileTokens, int groups) {
    if (dim % 4 == 0) {
        quant_int8_large_impl<4>(x, means, codes, scales, tokens, dim, kind, tileTokens, groups);
    } else {
        quant_int8_large_impl<1>(x, means, codes, scales, tokens, dim, kind, tileTokens, groups);
    }
}

// V to FP8 per channel, step 1: the channel amax over all tokens. One CTA of 256 threads per
// (32 channels, chunk of 256 tokens, head): 32 channel lanes x 8 token rows, so every read is a
// coalesced 128-byte row segment; chunks meet in an atomic max on the float bits (amax >= +0, and
// non-negative floats order like their bit patterns). amaxBits: [heads][dim], zeroed by the caller.
extern "C" __global__ void sage4j_channel_amax(const float* __restrict__ v, const float* __restrict__ means,
                                               unsigned int* __restrict__ amaxBits, int tokens, int dim,
                                               int chunkTokens) {
    __shared__ float partial[8][32];
    const int lane = threadIdx.x & 31;
    const int row = threadIdx.x >> 5;
    const int c = blockIdx.x * 32 + lane;
    const int h = blockIdx.z;
    const int first = blockIdx.y * chunkTokens;
    const int last = min(tokens, first + chunkTokens);
    float amax = 0.0f;
    if (c < dim) {
        const float mean = means ? means[(long long)h * dim + c] : 0.0f;
        const float* base = v + (long long)h * tokens * dim + c;
        for (int t = first + row; t < last; t += 8) {
            amax = sage4j::max_abs(amax, __fsub_rn(base[(long long)t * dim], mean));
        }
    }
    partial[row][lane] = amax;
    __syncthreads();
    if (row == 0 && c < dim) {
        float m = partial[0][lane];
        for (int r = 1; r < 8; ++r) m = partial[r][lane] > m ? partial[r][lane] : m;
        atomicMax(amaxBits + (long long)h * dim + c, __float_as_uint(m));
    }
}

// V to FP8 per channel, step 2: quantize and transpose. One CTA of 256 threads per (32 channels,
// 32-token tile, head): read a 32x32 tile along channels, write it along tokens. codes: [heads][dim][padded]
// (padding tokens get code 0); scales: [heads][dim], written by the first tile.
extern "C" __global__ void sage4j_quant_fp8_v(const float* __restrict__ v, const float* __restrict__ means,
                                              const unsigned int* __restrict__ amaxBits,
                                              uint8_t* __restrict__ codes, float* __restrict__ scales,
                                              int tokens, int dim, int padded) {
    __shared__ uint8_t tile[32][33];
    const int lane = threadIdx.x & 31;
    const int row = threadIdx.x >> 5;
    const int c0 = blockIdx.x * 32;
    const int t0 = blockIdx.y * 32;
    const int h = blockIdx.z;
    const int c = c0 + lane;
    float mean = 0.0f;
    float multiplier = 0.0f;
    if (c < dim) {
        mean = means ? means[(long long)h * dim + c] : 0.0f;
        const float amax = __uint_as_float(amaxBits[(long long)h * dim + c]);
        multiplier = amax == 0.0f ? 0.0f : __fdiv_rn(448.0f, amax);
        if (blockIdx.y == 0 && row == 0) scales[(long long)h * dim + c] = __fdiv_rn(amax, 448.0f);
    }
    const float* base = v + (long long)h * tokens * dim;
    for (int r = row; r < 32; r += 8) {
        const int t = t0 + r;
        uint8_t code = 0;
        if (c < dim && t < tokens) {
            code = sage4j::to_e4m3(__fmul_rn(__fsub_rn(base[(long long)t * dim + c], mean), multiplier));
        }
        tile[r][lane] = code;
    }
    __syncthreads();
    for (int r = row; r < 32; r += 8) {
        const int cc = c0 + r;
        if (cc < dim) codes[((long long)h * dim + cc) * padded + t0 + lane] = tile[lane][r];
    }
}
