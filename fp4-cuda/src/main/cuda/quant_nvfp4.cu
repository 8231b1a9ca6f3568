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

// One 16-element block: scale byte and 8 packed code bytes. variant 0: IEEE; 1: SageAttention3 model.
__device__ __forceinline__ uint8_t quantize_block(float (&v)[BLOCK], int variant, uint8_t (&packed)[BLOCK / 2]) {
    float amax = 0.0f;
#pragma unroll
    for (int i = 0; i < BLOCK; ++i) amax = sage4j::max_abs(amax, v[i]);
    const float sf = variant == 1 ? sage4j::ftz(__fmul_rn(sage4j::ftz(amax), __uint_as_float(0x3E2AAAABu)))
                                  : __fdiv_rn(amax, 6.0f);
    const uint8_t scale = sage4j::to_e4m3(sf);
    const float s = sage4j::from_e4m3(scale);
    const float inv = s == 0.0f ? 0.0f : __fdiv_rn(1.0f, s);
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

// Rows of x [heads][tokens][cols] (row-major, cols % 16 == 0), one thread per 16-element block.
// means: null, or [heads][meanBlocks][cols] subtracted first from each token of mean block t / meanBlockTokens
// (K smoothing: one block of all tokens; Q smoothing: blocks of 128 tokens).
// codes: [rows][cols/2] packed, element 2i in the low nibble; scales: [rows][cols/16] UE4M3.
extern "C" __global__ void sage4j_quant_nvfp4_rows(const float* __restrict__ x, const float* __restrict__ means,
                                                   uint8_t* __restrict__ codes, uint8_t* __restrict__ scales,
                                                   long long rows, int cols, int tokens, int meanBlockTokens,
                                                   int meanBlocks, int variant) {
    const long long b = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    const int blocksPerRow = cols / BLOCK;
    if (b >= rows * blocksPerRow) return;
    const long long row = b / blocksPerRow;
    const int cb = (int)(b % blocksPerRow);
    const float4* src = reinterpret_cast<const float4*>(x + row * cols + cb * BLOCK);
    float v[BLOCK];
#pragma unroll
    for (int i = 0; i < BLOCK / 4; ++i) {
        const float4 q = src[i];
        v[4 * i] = q.x; v[4 * i + 1] = q.y; v[4 * i + 2] = q.z; v[4 * i + 3] = q.w;
    }
    if (means) {
        const long long h = row / tokens;
        const int t = (int)(row % tokens);
        const float* m = means + ((h * meanBlocks + t / meanBlockTokens) * cols + cb * BLOCK);
#pragma unroll
        for (int i = 0; i < BLOCK; ++i) v[i] = __fsub_rn(v[i], m[i]);
    }
    uint8_t packed[BLOCK / 2];
    scales[b] = quantize_block(v, variant, packed);
    store_packed(codes + b * (BLOCK / 2), packed);
}

// V [heads][tokens][dim] transposed to [heads][dim][padded] (padded % 16 == 0, pad tokens are 0) and
// quantized in 16-token blocks along each channel. One thread per (head, token block, channel), channel
// fastest, so the 16 strided reads of a thread are coalesced across the warp.
extern "C" __global__ void sage4j_quant_nvfp4_transposed(const float* __restrict__ v, uint8_t* __restrict__ codes,
                                                         uint8_t* __restrict__ scales, int heads, int tokens,
                                                         int dim, int padded, int variant) {
    const long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    const int tokenBlocks = padded / BLOCK;
    if (i >= (long long)heads * tokenBlocks * dim) return;
    const int c = (int)(i % dim);
    const int tb = (int)((i / dim) % tokenBlocks);
    const int h = (int)(i / ((long long)dim * tokenBlocks));
    float x[BLOCK];
#pragma unroll
    for (int k = 0; k < BLOCK; ++k) {
        const int t = tb * BLOCK + k;
        x[k] = t < tokens ? v[((long long)h * tokens + t) * dim + c] : 0.0f;
    }
    uint8_t packed[BLOCK / 2];
    const long long block = ((long long)h * dim + c) * tokenBlocks + tb;
    scales[block] = quantize_block(x, variant, packed);
    store_packed(codes + block * (BLOCK / 2), packed);
}
