// Channel means for smoothing, defined exactly as the Java reference (io.sage4j.reference.quant.Smoothing):
// per (head, token block, channel), the float64 sum of the block's tokens in ascending order, divided
// by the token count in float64, rounded once to float32. One thread per (head, block, channel), so the
// order is fixed and consecutive threads read consecutive channels.
#pragma once

extern "C" __global__ void sage4j_block_means(const float* __restrict__ x, float* __restrict__ means,
                                              int heads, int tokens, int dim, int blockTokens, int blocks) {
    const long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    const long long total = (long long)heads * blocks * dim;
    if (i >= total) return;
    const int c = (int)(i % dim);
    const int b = (int)((i / dim) % blocks);
    const int h = (int)(i / ((long long)dim * blocks));
    const int first = b * blockTokens;
    const int count = min(blockTokens, tokens - first);
    double sum = 0.0;
    for (int t = first; t < first + count; ++t) {
        sum = __dadd_rn(sum, (double)x[((long long)h * tokens + t) * dim + c]);
    }
    means[i] = __double2float_rn(__ddiv_rn(sum, (double)count));
}
