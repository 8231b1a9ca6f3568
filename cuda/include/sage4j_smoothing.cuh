// Channel means for smoothing, defined exactly as the Java reference (io.sage4j.reference.quant.Smoothing):
// per (head, token block, channel) the tokens are cut into chunks of 256; each chunk is summed in ascending
// order in float64, the chunk sums are added in ascending chunk order in float64, and the total is divided
// by the token count in float64 and rounded once to float32.
//
// One CTA of 256 threads per (32 channels, token block, head): 32 channel lanes (coalesced 128-byte reads)
// x 8 rows; in each round the 8 rows sum 8 consecutive chunks in parallel and row 0 adds the 8 chunk sums
// to the running total in order, so the result is the same as the reference's for any token count.
#pragma once

constexpr int SAGE4J_CHUNK_TOKENS = 256;

extern "C" __global__ void sage4j_block_means(const float* __restrict__ x, float* __restrict__ means,
                                              int heads, int tokens, int dim, int blockTokens, int blocks) {
    __shared__ double partial[8][32];
    const int lane = threadIdx.x & 31;
    const int row = threadIdx.x >> 5;
    const int c = blockIdx.x * 32 + lane;
    const int b = blockIdx.y;
    const int h = blockIdx.z;
    const int first = b * blockTokens;
    const int end = min(tokens, first + blockTokens);
    const float* base = x + (long long)h * tokens * dim + c;
    double total = 0.0;
    for (int round = first; round < end; round += 8 * SAGE4J_CHUNK_TOKENS) {
        const int chunk = round + row * SAGE4J_CHUNK_TOKENS;
        double sum = 0.0;
        if (c < dim && chunk < end) {
            const int chunkEnd = min(end, chunk + SAGE4J_CHUNK_TOKENS);
#pragma unroll 8
            for (int t = chunk; t < chunkEnd; ++t) {  // unrolled so loads run ahead of the ordered adds
                sum = __dadd_rn(sum, (double)base[(long long)t * dim]);
            }
        }
        partial[row][lane] = sum;
        __syncthreads();
        if (row == 0) {
            for (int r = 0; r < 8 && round + r * SAGE4J_CHUNK_TOKENS < end; ++r) {
                total = __dadd_rn(total, partial[r][lane]);
            }
        }
        __syncthreads();
    }
    if (row == 0 && c < dim) {
        means[((long long)h * blocks + b) * dim + c] = __double2float_rn(__ddiv_rn(total, (double)(end - first)));
    }
}
