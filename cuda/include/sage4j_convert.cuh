// Device conversions every sage4j kernel uses. Each one is checked on the GPU over all 2^32 float32
// inputs against the golden map (sage4j verify --backend ...), and the Java reference is checked against
// the same map, so a kernel's codes equal the reference's codes whenever their float inputs are equal.
#pragma once
#include <cuda_fp4.h>
#include <cuda_fp8.h>
#include <stdint.h>

namespace sage4j {

// float32 -> E4M3, round to nearest even, satfinite (hardware cvt on sm_89+, NVIDIA's emulation below).
__device__ __forceinline__ uint8_t to_e4m3(float x) {
    return (uint8_t)__nv_cvt_float_to_fp8(x, __NV_SATFINITE, __NV_E4M3);
}

// Exact value of an E4M3 code (every E4M3 value is an fp16 value).
__device__ __forceinline__ float from_e4m3(uint8_t code) {
    return __half2float(__half(__nv_cvt_fp8_to_halfraw((__nv_fp8_storage_t)code, __NV_E4M3)));
}

// float32 -> E2M1 code in the low nibble, as cvt.rn.satfinite.e2m1x2.f32: round to nearest even,
// saturate at 6, NaN -> +6 (0x7), negative values keep the sign bit even when they round to zero.
// Seven comparisons with the rounding thresholds (ties: 0.25 -> 0, 0.75 -> 1, 1.25 -> 1, 1.75 -> 2,
// 2.5 -> 2, 3.5 -> 4, 5 -> 4): branch-free and much cheaper than cuda_fp4.h's software conversion on sm_90.
// `sage4j verify` checks it against the golden map over all 2^32 inputs.
__device__ __forceinline__ uint8_t to_e2m1(float x) {
    const float a = fabsf(x);
    const uint32_t magnitude = (a > 0.25f) + (a >= 0.75f) + (a > 1.25f) + (a >= 1.75f) + (a > 2.5f)
                             + (a >= 3.5f) + (a > 5.0f);
    const uint32_t sign = (__float_as_uint(x) >> 28) & 0x8u;
    return isnan(x) ? 0x7 : (uint8_t)(magnitude | sign);
}

// Two E2M1 codes in one byte: `even` in the low nibble (element 2i), `odd` in the high one.
__device__ __forceinline__ uint8_t pack_e2m1(float even, float odd) {
    return (uint8_t)(to_e2m1(even) | (to_e2m1(odd) << 4));
}

// float32 -> INT8 as cvt.rni.sat.s8.f32: round half to even, saturate, NaN -> 0.
__device__ __forceinline__ int8_t to_int8(float x) {
    int r = __float2int_rn(x);  // RNE; NaN -> 0; saturates at the int32 range
    return (int8_t)max(-128, min(127, r));
}

// Subnormal float32 -> zero of the same sign (the ftz of fast-math instructions).
__device__ __forceinline__ float ftz(float v) {
    return fabsf(v) < 1.17549435e-38f ? copysignf(0.0f, v) : v;
}

// Block maxima ignore NaN, like fmaxf: |x| is folded in only when it is larger.
__device__ __forceinline__ float max_abs(float m, float x) {
    float a = fabsf(x);
    return a > m ? a : m;
}

// Max over a warp (NaN never enters: inputs come from max_abs).
__device__ __forceinline__ float warp_max(float v) {
    for (int offset = 16; offset > 0; offset >>= 1) {
        float o = __shfl_xor_sync(0xffffffffu, v, offset);
        v = o > v ? o : v;
    }
    return v;
}

// Max over a block of up to 1024 threads; every thread gets the result. `scratch` holds 32 floats.
__device__ __forceinline__ float block_max(float v, float* scratch) {
    const int lane = threadIdx.x & 31;
    const int warp = threadIdx.x >> 5;
    v = warp_max(v);
    __syncthreads();  // scratch may still be read by a previous call
    if (lane == 0) scratch[warp] = v;
    __syncthreads();
    const int warps = (blockDim.x + 31) >> 5;
    v = lane < warps ? scratch[lane] : 0.0f;
    return warp_max(v);
}

}  // namespace sage4j
