// Seeded N(0,1) values generated on the GPU (counter-based: a 64-bit hash of (seed, index) and Box–Muller),
// so benchmarks of long sequences need not generate gigabytes on the host. Not for anything that must match
// the Java side bit for bit.
#pragma once
#include <stdint.h>

namespace sage4j {

__device__ __forceinline__ uint64_t mix64(uint64_t z) {  // splitmix64's finaliser
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

}  // namespace sage4j

extern "C" __global__ void sage4j_fill_gaussian(float* __restrict__ x, long long n, unsigned long long seed) {
    const long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    const uint64_t bits = sage4j::mix64(seed + 0x9E3779B97F4A7C15ull * (uint64_t)(i / 2 + 1));
    const float u1 = ((uint32_t)(bits >> 40) + 1) * (1.0f / 16777217.0f);  // (0, 1]
    const float u2 = (uint32_t)(bits & 0xFFFFFF) * (1.0f / 16777216.0f);  // [0, 1)
    const float radius = sqrtf(-2.0f * logf(u1));
    x[i] = (i & 1) ? radius * sinf(6.2831853f * u2) : radius * cosf(6.2831853f * u2);
}
