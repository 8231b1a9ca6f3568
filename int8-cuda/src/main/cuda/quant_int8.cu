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

// One block per (group, head). x: [heads][tokens][dim]; means: [heads][dim] or null;
// codes: like x; scales: [heads][groups].
extern "C" __global__ void sage4j_quant_int8(const float* __restrict__ x, const float* __restrict__ means,
                                             int8_t* __restrict__ codes, float* __restrict__ scales,
                                             int tokens, int dim, int kind, int tileTokens, int groups) {
    __shared__ float scratch[32];
    const int g = blockIdx.x;
    const int h = blockIdx.y;
    const int members = members_per_group(kind, tileTokens);
    const long long headBase = (long long)h * tokens * dim;
    const float* mean = means ? means + (long long)h * dim : nullptr;
    const int elements = members * dim;

    float amax = 0.0f;
    for (int e = threadIdx.x; e < elements; e += blockDim.x) {
        const int t = member_token(kind, tileTokens, g, e / dim);
        if (t >= tokens) continue;
        const int c = e % dim;
        float v = x[headBase + (long long)t * dim + c];
        if (mean) v = __fsub_rn(v, mean[c]);
        amax = sage4j::max_abs(amax, v);
    }
    amax = sage4j::block_max(amax, scratch);
    amax = fmaxf(1e-7f, amax);
    const float multiplier = __fdiv_rn(127.0f, amax);
    if (threadIdx.x == 0) scales[(long long)h * groups + g] = __fdiv_rn(amax, 127.0f);

    for (int e = threadIdx.x; e < elements; e += blockDim.x) {
        const int t = member_token(kind, tileTokens, g, e / dim);
        if (t >= tokens) continue;
        const int c = e % dim;
        const long long i = headBase + (long long)t * dim + c;
        float v = x[i];
        if (mean) v = __fsub_rn(v, mean[c]);
        codes[i] = sage4j::to_int8(__fmul_rn(v, multiplier));
    }
}

// V to FP8 per channel, transposed and padded. One block of 256 threads per (32-channel tile, head):
// 32 channel lanes x 8 token lanes, so every global read is a coalesced 128-byte row segment.
// v: [heads][tokens][dim]; means: [heads][dim] or null; codes: [heads][dim][padded]; scales: [heads][dim].
extern "C" __global__ void sage4j_quant_fp8_v(const float* __restrict__ v, const float* __restrict__ means,
                                              uint8_t* __restrict__ codes, float* __restrict__ scales,
                                              int tokens, int dim, int padded) {
    __shared__ float partial[8][32];
    __shared__ float multipliers[32];
    __shared__ uint8_t tile[32][33];
    const int lane = threadIdx.x & 31;
    const int row = threadIdx.x >> 5;
    const int c0 = blockIdx.x * 32;
    const int h = blockIdx.y;
    const int c = c0 + lane;
    const long long headBase = (long long)h * tokens * dim;
    const float mean = (means && c < dim) ? means[(long long)h * dim + c] : 0.0f;

    float amax = 0.0f;
    if (c < dim) {
        for (int t = row; t < tokens; t += 8) {
            amax = sage4j::max_abs(amax, __fsub_rn(v[headBase + (long long)t * dim + c], mean));
        }
    }
    partial[row][lane] = amax;
    __syncthreads();
    if (row == 0) {
        float m = partial[0][lane];
        for (int r = 1; r < 8; ++r) m = partial[r][lane] > m ? partial[r][lane] : m;
        multipliers[lane] = m == 0.0f ? 0.0f : __fdiv_rn(448.0f, m);
        if (c < dim) scales[(long long)h * dim + c] = __fdiv_rn(m, 448.0f);
    }
    __syncthreads();

    const float multiplier = multipliers[lane];
    for (int t0 = 0; t0 < padded; t0 += 32) {
        for (int r = row; r < 32; r += 8) {  // tile[token][channel], read along channels
            const int t = t0 + r;
            uint8_t code = 0;
            if (c < dim && t < tokens) {
                code = sage4j::to_e4m3(__fmul_rn(__fsub_rn(v[headBase + (long long)t * dim + c], mean), multiplier));
            }
            tile[r][lane] = code;
        }
        __syncthreads();
        for (int r = row; r < 32; r += 8) {  // write along tokens: channel c0 + r, token t0 + lane
            const int cc = c0 + r;
            if (cc < dim) codes[((long long)h * dim + cc) * padded + t0 + lane] = tile[lane][r];
        }
        __syncthreads();
    }
}
