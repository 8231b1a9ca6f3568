#!/usr/bin/env python3
"""Peers for sage4j's attention benchmark, measured on the same GPU in the same device call:
PyTorch SDPA restricted to the flash backend (FlashAttention-2) and to the cuDNN backend, fp16 and bf16.

TOPS = 4·B·H·N²·D / t, halved for causal; CUDA events; median of `--repeats` timed runs after warm-up;
inputs N(0,1); several input sets rotated so that L2 does not serve them at short lengths.
Usage: python3 perf/peers/sdpa_peers.py --head-dim 64,128 --seq 1024,2048 --causal both --json out.json
"""
import argparse
import json
import statistics

import torch
import torch.nn.functional as F
from torch.nn.attention import SDPBackend, sdpa_kernel


def time_ms(fn, warmup, repeats):
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(repeats):
        start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        fn()
        stop.record()
        stop.synchronize()
        times.append(start.elapsed_time(stop))
    return statistics.median(times), min(times), max(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--heads", type=int, default=32)
    p.add_argument("--head-dim", default="64,128")
    p.add_argument("--seq", default="1024,2048,4096,8192,16384")
    p.add_argument("--causal", default="both", choices=["both", "yes", "no"])
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--repeats", type=int, default=20)
    p.add_argument("--json")
    a = p.parse_args()
    causals = {"both": [False, True], "yes": [True], "no": [False]}[a.causal]
    backends = [("FA2 fp16", SDPBackend.FLASH_ATTENTION, torch.float16),
                ("cuDNN fp16", SDPBackend.CUDNN_ATTENTION, torch.float16),
                ("cuDNN bf16", SDPBackend.CUDNN_ATTENTION, torch.bfloat16)]
    rows = []
    device = torch.cuda.get_device_name()
    for d in [int(x) for x in a.head_dim.split(",")]:
        for n in [int(x) for x in a.seq.split(",")]:
            for name, backend, dtype in backends:
                sets = max(1, min(4, (256 << 20) // (3 * a.batch * a.heads * n * d * 2)))
                inputs = [[torch.randn(a.batch, a.heads, n, d, device="cuda", dtype=dtype) for _ in range(3)]
                          for _ in range(sets)]
                for causal in causals:
                    turn = [0]

                    def call():
                        q, k, v = inputs[turn[0] % sets]
                        turn[0] += 1
                        with sdpa_kernel(backend):
                            return F.scaled_dot_product_attention(q, k, v, is_causal=causal)

                    try:
                        med, lo, hi = time_ms(call, a.warmup, a.repeats)
                    except RuntimeError as e:
                        print(f"{name} d={d} n={n} causal={causal}: {e}")
                        continue
                    flops = 4 * a.batch * a.heads * n * n * d / (2 if causal else 1)
                    rows.append(dict(backend=name, device=device, batch=a.batch, heads=a.heads, headDim=d, seqLen=n,
                                     causal=causal, kind="kernel", medianMs=med, minMs=lo, maxMs=hi,
                                     tops=flops / (med * 1e-3) / 1e12))
                del inputs
                torch.cuda.empty_cache()
    print(f"{'backend':12} {'hd':>4} {'causal':>6} {'N':>6} {'median ms':>10} {'TOPS':>7}")
    for r in rows:
        print(f"{r['backend']:12} {r['headDim']:>4} {str(r['causal']):>6} {r['seqLen']:>6} {r['medianMs']:>10.3f} {r['tops']:>7.1f}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
