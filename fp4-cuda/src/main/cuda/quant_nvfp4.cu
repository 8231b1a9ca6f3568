// NVFP4 quantizers of the SageAttention3 path, byte-identical to the Java reference
// (io.sage4j.reference.quant.Nvfp4Quantizer.singleLevelIeee / sageAttention3, Smoothing). Built without
// fast math and with -fmad=false: every float operation is one IEEE binary32 operation, like Java's;
// the SageAttention3 variant models upstream's fast-math division explicitly (ftz(ftz(amax)·RN(1/6))).
// On sm_90a E2M1 conversion is NVIDIA's software emulation; on sm_100a/sm_120a cuda_fp4.h uses the
// hardware cvt.rn.satfinite.e2m1x2.f32 — both are specified by the same golden map.
#include "sage4j_convert.cuh"
#include "sage4j_smoothing.cuh"
#include "sage4j_conversion_check.cuh"

namespace {

constexpr int BLOCK = 16;

// The UE4M3 scale of a block from its amax. variant 0: IEEE amax / 6; 1: SageAttention3's fast-math
// division modelled, ftz(ftz(amax) * RN(1/6)).
__device__ __forceinline__ uint8_t block_scale(float amax, int variant) {
    const float sf = variant == 1 ? sage4j::ftz(__fmul_rn(sage4j::ftz(amax), __uint_as_float(0x3E2AAAABu)))
                                  : __fdiv_rn(amax, 6.0f);
    return sage4j::to_e4m3(sf);
}

// The element multiplier 1 / scale (0 for a zero scale).
__device__ __forceinline__ float block_multiplier(uint8_t scale) {
    const float s = sage4j::from_e4m3(scale);
    return s == 0.0f ? 0.0f : __fdiv_rn(1.0f, s);
}

// One 16-element block: scale byte and 8 packed code bytes. variant 0: IEEE; 1: SageAttention3 model.
__device__ __forceinline__ uint8_t quantize_block(float (&v)[BLOCK], int variant, uint8_t (&packed)[BLOCK / 2]) {
    float amax = 0.0f;
#pragma unroll
    for (int i = 0; i < BLOCK; ++i) amax = sage4j::max_abs(amax, v[i]);
    const uint8_t scale = block_scale(amax, variant);
    const float inv = block_multiplier(scale);
#pragma unroll
    for (int i = 0; i < BLOCK; i += 2) {
        float a = __fmul_rn(v[i], inv);
        float b = __fmul_rn(v[i + 1], inv);
        if (variant == 1) {
            a = sage4j::ftz(a);
            b = sage4j::ftz(b);
        }
        packed[i / 2] = sage4j::pack_e2m1(a, b);
    }
    return scale;
}

__device__ __forceinline__ void store_packed(uint8_t* dst, const uint8_t (&packed)[BLOCK / 2]) {
    uint2 word;
    word.x = packed[0] | (packed[1] << 8) | (packed[2] << 16) | ((uint32_t)packed[3] << 24);
    word.y = packed[4] | (packed[5] << 8) | (packed[6] << 16) | ((uint32_t)packed[7] << 24);
    *reinterpret_cast<uint2*>(dst) = word;  // 8-byte aligned: 8 bytes per block
}

}  // namespace

// Rows of x [heads][tokens][cols] (row-major, cols % 16 == 0). Two threads per 16-element block, each
// loading two adjacent 16-byte vectors (a warp reads 1 KiB contiguous) and storing its 4 code bytes as one
// word; the block amax is one shuffle. means: null, or [heads][meanBlocks][cols] subtracted first from each
// token of mean block t / meanBlockTokens (K smoothing: one block of all tokens; Q smoothing: 128 tokens).
// codes: [rows][cols/2] packed, element 2i in the low nibble; scales: [rows][cols/16] UE4M3.
extern "C" __global__ void sage4j_quant_nvfp4_rows(const float* __restrict__ x, const float* __restrict__ means,
                                                   uint8_t* __restrict__ codes, uint8_t* __restrict__ scales,
                                                   long long rows, int cols, int tokens, int meanBlockTokens,
                                                   int meanBlocks, int variant) {
    const long long half = (long long)blockIdx.x * blockDim.x + threadIdx.x;  // index of an 8-float half block
    const bool valid = half < rows * cols / 8;  // an even count, so both halves of a block agree
    float v[8];
#pragma unroll
    for (int k = 0; k < 8; ++k) v[k] = 0.0f;
    if (valid) {
        const float4 f0 = reinterpret_cast<const float4*>(x)[2 * half];
        const float4 f1 = reinterpret_cast<const float4*>(x)[2 * half + 1];
        v[0] = f0.x; v[1] = f0.y; v[2] = f0.z; v[3] = f0.w;
        v[4] = f1.x; v[5] = f1.y; v[6] = f1.z; v[7] = f1.w;
        if (means) {
            const long long row = half * 8 / cols;
            const int col = (int)(half * 8 % cols);
            const long long h = row / tokens;
            const int t = (int)(row % tokens);
            const float* m = means + (h * meanBlocks + t / meanBlockTokens) * cols + col;
#pragma unroll
            for (int k = 0; k < 8; ++k) v[k] = __fsub_rn(v[k], m[k]);
        }
    }
    float amax = 0.0f;
#pragma unroll
    for (int k = 0; k < 8; ++k) amax = sage4j::max_abs(amax, v[k]);
    const float other = __shfl_xor_sync(0xffffffffu, amax, 1);
    amax = other > amax ? other : amax;
    if (!valid) return;
    const uint8_t scale = block_scale(amax, variant);
    const float inv = block_multiplier(scale);
    uint32_t packed = 0;
#pragma unroll
    for (int k = 0; k < 8; k += 2) {
        float a = __fmul_rn(v[k], inv);
        float b = __fmul_rn(v[k + 1], inv);
        if (variant == 1) {
            a = sage4j::ftz(a);
            b = sage4j::ftz(b);
        }
        packed |= (uint32_t)sage4j::pack_e2m1(a, b) << (4 * k);
    }
    reinterpret_cast<uint32_t*>(codes)[half] = packed;
    if ((threadIdx.x & 1) == 0) scales[half / 2] = scale;
}

// V [heads][tokens][dim] transposed to [heads][dim][padded] (padded % 16 == 0, pad tokens are 0) and
// quantized in 16-token blocks along each channel. One CTA of 256 threads per (32 channels, 128 tokens,
// head): the tile is read along channels (coalesced) into shared memory, then thread t quantizes channel
// t / 8, token block t % 8 from it, so 8 neighbouring threads write one channel's 64 contiguous code bytes.
extern "C" __global__ void sage4j_quant_nvfp4_transposed(const float* __restrict__ v, uint8_t* __restrict__ codes,
                                                         uint8_t* __restrict__ scales, int heads, int tokens,
                                                         int dim, int padded, int variant) {
    __shared__ float tile[128][33];
    const int lane = threadIdx.x & 31;
    const int row = threadIdx.x >> 5;
    const int c0 = blockIdx.x * 32;
    const int t0 = blockIdx.y * 128;
    const int h = blockIdx.z;
    const float* base = v + (long long)h * tokens * dim;
    for (int r = row; r < 128; r += 8) {
        const int t = t0 + r;
        const int c = c0 + lane;
        tile[r][lane] = (t < tokens && c < dim) ? base[(long long)t * dim + c] : 0.0f;
    }
    __syncthreads();
    const int cl = threadIdx.x >> 3;
    const int tb = threadIdx.x & 7;
    const int c = c0 + cl;
    const int tokenBlocks = padded / BLOCK;
    const int blockIndex = t0 / BLOCK + tb;
    if (c >= dim || blockIndex >= tokenBlocks) return;
    float x[BLOCK];
#pragma unroll
    for (int k = 0; k < BLOCK; ++k) x[k] = tile[tb * BLOCK + k][cl];
    uint8_t packed[BLOCK / 2];
    const long long block = ((long long)h * dim + c) * tokenBlocks + blockIndex;
    scales[block] = quantize_block(x, variant, packed);
    store_packed(codes + block * (BLOCK / 2), packed);
}
