// Exhaustive check of the device conversions (sage4j_convert.cuh) against a segment map: every float32
// bit pattern in [first, first + count) is converted and compared with the code of the segment holding
// it. Each thread walks a contiguous run of patterns, so the segment search is done once per run.
#pragma once
#include "sage4j_convert.cuh"

namespace sage4j {

// Conversion ids, in the order of io.sage4j.cuda.DeviceConversions.
__device__ __forceinline__ uint32_t convert_by_id(int id, float x) {
    switch (id) {
        case 0: return __nv_cvt_float_to_fp4(x, __NV_E2M1, cudaRoundNearest) & 0xF;
        case 1: return (uint8_t)__nv_cvt_float_to_fp8(x, __NV_SATFINITE, __NV_E4M3);
        case 2: return (uint8_t)__nv_cvt_float_to_fp8(x, __NV_NOSAT, __NV_E4M3);
        case 3: return (uint8_t)__nv_cvt_float_to_fp8(x, __NV_SATFINITE, __NV_E5M2);
        case 4: return (uint8_t)__nv_cvt_float_to_fp8(x, __NV_NOSAT, __NV_E5M2);
        case 5: return (uint8_t)__nv_cvt_float_to_e8m0(x, __NV_SATFINITE, cudaRoundZero);
        case 6: return (uint8_t)__nv_cvt_float_to_e8m0(x, __NV_SATFINITE, cudaRoundPosInf);
        case 7: return (uint8_t)__nv_cvt_float_to_e8m0(x, __NV_NOSAT, cudaRoundZero);
        case 8: return (uint8_t)__nv_cvt_float_to_e8m0(x, __NV_NOSAT, cudaRoundPosInf);
        case 9: return (uint8_t)to_e4m3(x);                 // the kernels' E4M3 helper
        case 10: return (uint8_t)to_e2m1(x);                // the kernels' E2M1 helper
        case 11: return (uint8_t)to_int8(x);                // the kernels' INT8 helper
        default: return 0xFFFFFFFFu;
    }
}

}  // namespace sage4j

// starts: sorted segment starts (unsigned), codes: their codes; for id 11 (INT8, not in the golden map)
// the expected value is rintf + clamp (an independent formula), and the segment arguments are unused.
extern "C" __global__ void sage4j_conversion_check(int id, unsigned long long first, unsigned long long count,
                                                   const unsigned int* __restrict__ starts,
                                                   const unsigned char* __restrict__ codes, int segments,
                                                   unsigned long long* mismatches, unsigned int* examples,
                                                   unsigned int* exampleCount, int maxExamples) {
    const unsigned long long run = 256;
    const unsigned long long begin = first + ((unsigned long long)blockIdx.x * blockDim.x + threadIdx.x) * run;
    if (begin >= first + count) return;
    const unsigned long long end = min(begin + run, first + count);
    int seg = 0;
    if (id != 11) {
        int lo = 0, hi = segments - 1;  // last segment whose start <= begin
        while (lo < hi) {
            int mid = (lo + hi + 1) >> 1;
            if ((unsigned long long)starts[mid] <= begin) lo = mid; else hi = mid - 1;
        }
        seg = lo;
    }
    unsigned long long bad = 0;
    for (unsigned long long p = begin; p < end; ++p) {
        const unsigned int bits = (unsigned int)p;
        const float x = __uint_as_float(bits);
        unsigned int expected;
        if (id == 11) {
            expected = isnan(x) ? 0u : (uint8_t)(int8_t)fmaxf(-128.0f, fminf(127.0f, rintf(x)));
        } else {
            while (seg + 1 < segments && (unsigned long long)starts[seg + 1] <= p) ++seg;
            expected = codes[seg];
        }
        const unsigned int actual = sage4j::convert_by_id(id, x);
        if (actual != expected) {
            ++bad;
            unsigned int slot = atomicAdd(exampleCount, 1u);
            if (slot < (unsigned int)maxExamples) {
                examples[3 * slot] = bits;
                examples[3 * slot + 1] = actual;
                examples[3 * slot + 2] = expected;
            }
        }
    }
    if (bad) atomicAdd(mismatches, bad);
}
