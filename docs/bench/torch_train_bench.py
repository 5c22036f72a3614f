#!/usr/bin/env python3
"""PyTorch reference for `sumbin bench-train` (derivative learning, issue 24 item 3).

The same problem as sumbin's bench-train: 200 000 synthetic events x 10 standard-normal features,
5 smooth labels (sin a, a*b, exp(-a^2), tanh(a+b), b^2 with a, b the first two features), unit weights,
inputs standardized, labels standardized with their (weighted) mean and width, an MLP 10 -> 64 -> 64 ->
64 -> 5 with SiLU, Glorot-uniform weights and zero biases, Adam (lr 1e-3), mini-batches of 256 drawn
from a fresh permutation every epoch, loss sum_i w_i sum_k (g_k(x_i) - y_ik)^2 / (B*K), one intra-op
thread. Prints the median epoch time of the epochs after the warm-up and the events per second, in
the same JSON fields as `sumbin bench-train --json`, and the CPU time of the training thread per epoch
(median_epoch_cpu_seconds; with one thread the whole computation runs on it), which other processes'
load does not inflate as it inflates the wall clock.

Variants (--variant):
  eager   plain loop: index the full tensors with a batch of the permutation, forward, loss,
          zero_grad, backward, Adam (default foreach implementation).
  fused   the loop as fast as PyTorch makes it on one CPU thread: the permutation gathered once per
          epoch into contiguous tensors (batches are views), zero_grad(set_to_none), Adam(fused=True),
          and the step (forward + loss + backward) compiled with torch.compile when a C++ compiler is
          available (falls back to torch.jit.script of the model otherwise).

Usage: torch_train_bench.py [--variant eager|fused] [--events 200000] [--features 10] [--epochs 6]
       [--warmup 1] [--batch 256] [--json]
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch


def data(n, d, seed=7):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, d, generator=g, dtype=torch.float64)
    a = x[:, 0]
    b = x[:, min(1, d - 1)]
    y = torch.stack([torch.sin(a), a * b, torch.exp(-a * a), torch.tanh(a + b), b * b], dim=1)
    w = torch.ones(n, 1, dtype=torch.float64)
    x = (x - x.mean(0)) / x.std(0)
    mu = (w * y).sum(0) / w.sum()
    sd = torch.sqrt((w * (y - mu) ** 2).sum(0) / w.sum())
    y = (y - mu) / sd
    w = w / w.abs().mean()
    return x.float().contiguous(), y.float().contiguous(), w.float().contiguous()


def mlp(d, hidden, k, seed=42):
    torch.manual_seed(seed)
    layers = []
    prev = d
    for h in hidden:
        layers += [torch.nn.Linear(prev, h), torch.nn.SiLU()]
        prev = h
    layers.append(torch.nn.Linear(prev, k))
    net = torch.nn.Sequential(*layers)
    for m in net:
        if isinstance(m, torch.nn.Linear):
            torch.nn.init.xavier_uniform_(m.weight)
            torch.nn.init.zeros_(m.bias)
    return net


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--variant", default="eager", choices=["eager", "fused"])
    p.add_argument("--events", type=int, default=200000)
    p.add_argument("--features", type=int, default=10)
    p.add_argument("--epochs", type=int, default=6)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--hidden", default="64,64,64")
    p.add_argument("--json", action="store_true")
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    hidden = [int(h) for h in a.hidden.split(",")]
    x, y, w = data(a.events, a.features)
    k = y.shape[1]
    net = mlp(a.features, hidden, k)
    n = a.events
    B = a.batch
    compiled = "none"
    if a.variant == "eager":
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)

        def step(xb, yb, wb):
            out = net(xb)
            diff = out - yb
            loss = (diff * diff * wb).sum() / (xb.shape[0] * k)
            opt.zero_grad()
            loss.backward()
            opt.step()
            return loss
    else:
        opt = torch.optim.Adam(net.parameters(), lr=1e-3, fused=True)

        def fwd_bwd(xb, yb, wb):
            out = net(xb)
            diff = out - yb
            loss = (diff * diff * wb).sum() / (xb.shape[0] * k)
            loss.backward()
            return loss.detach()

        fb = fwd_bwd
        try:
            fb = torch.compile(fwd_bwd, dynamic=False)
            # compile both shapes (full and last partial batch) before timing
            for b in sorted({B, n % B or B}):
                fb(x[:b], y[:b], w[:b])
            opt.zero_grad(set_to_none=True)
            compiled = "torch.compile"
        except Exception as e:  # no compiler: TorchScript the model instead
            print(f"torch.compile unavailable ({type(e).__name__}: {e}); using torch.jit.script", file=sys.stderr)
            net = torch.jit.script(net)
            opt = torch.optim.Adam(net.parameters(), lr=1e-3, fused=True)
            fb = fwd_bwd
            compiled = "torch.jit.script"

        def step(xb, yb, wb):
            loss = fb(xb, yb, wb)
            opt.step()
            opt.zero_grad(set_to_none=True)
            return loss

    g = torch.Generator().manual_seed(1)
    times = []
    cpu = []
    losses = []
    t_all = time.perf_counter()
    for epoch in range(a.epochs):
        t0 = time.perf_counter()
        c0 = time.thread_time()
        perm = torch.randperm(n, generator=g)
        if a.variant == "fused":
            xs, ys, ws = x[perm], y[perm], w[perm]
        total = 0.0
        for s in range(0, n, B):
            if a.variant == "fused":
                xb, yb, wb = xs[s:s + B], ys[s:s + B], ws[s:s + B]
            else:
                idx = perm[s:s + B]
                xb, yb, wb = x[idx], y[idx], w[idx]
            loss = step(xb, yb, wb)
            total += loss.item() * xb.shape[0]
        times.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
        losses.append(total / n)
    wall = time.perf_counter() - t_all
    med = statistics.median(times[a.warmup:])
    medc = statistics.median(cpu[a.warmup:])
    o = {
        "implementation": "pytorch-" + a.variant,
        "torch": torch.__version__,
        "compiled": compiled,
        "events": n,
        "features": a.features,
        "hidden": hidden,
        "batch": B,
        "epochs": a.epochs,
        "warmup": a.warmup,
        "threads": torch.get_num_threads(),
        "median_epoch_seconds": round(med, 4),
        "events_per_second_per_epoch": round(n / med),
        "wall_seconds": round(wall, 4),
        "epoch_seconds": [round(t, 4) for t in times],
        "median_epoch_cpu_seconds": round(medc, 4),
        "events_per_cpu_second_per_epoch": round(n / medc),
        "epoch_cpu_seconds": [round(t, 4) for t in cpu],
        "train_loss": [round(l, 5) for l in losses],
    }
    if a.json:
        print(json.dumps(o))
    else:
        print(f"pytorch {a.variant} ({compiled}): median epoch {med:.3f} s -> {n / med:.0f} events/s per epoch; "
              f"loss {losses[0]:.4f} -> {losses[-1]:.4f}")


if __name__ == "__main__":
    main()
