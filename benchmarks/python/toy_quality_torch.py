#!/usr/bin/env python3
"""Train the toy WGAN-GP of REFERENCE.md in PyTorch and print, every 250 generator iterations,
the iteration, the modes covered and the high-quality share of 2500 samples (the metrics of
jgrad's ModeCoverage), and the seconds elapsed.

Same networks and settings as `jgrad compare --width 512`: MLP 2-512-512-512-out with ReLU,
He-uniform hidden layers, zero biases, Adam (0.5, 0.9) at a constant --lr, batch 256, n_critic 5,
lambda 0.1, eps ~ U[0, 1) per sample. It shows how the high-quality share of a constant learning
rate moves from one evaluation to the next, as it does in jgrad (docs/lipschitz.md).

Usage: /usr/bin/python3 toy_quality_torch.py [--iters 6000] [--seed 1] [--data 8g|25g] [--lr 1e-4]
Runs on one thread, with the OpenBLAS OpenMP library (REFERENCE.md).
"""
import argparse
import math
import os
import sys
import time

p = argparse.ArgumentParser()
p.add_argument("--iters", type=int, default=6000)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--lr", type=float, default=1e-4)
p.add_argument("--data", default="8g")
args = p.parse_args()
if os.environ.get("RX") != "1":
    env = dict(os.environ, RX="1", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
               LD_LIBRARY_PATH="/usr/lib/x86_64-linux-gnu/openblas-openmp")
    os.execve(sys.executable, [sys.executable] + sys.argv, env)
import torch
torch.set_num_threads(1)
torch.manual_seed(args.seed)
nn = torch.nn
def mlp(out):
    L = [nn.Linear(2,512), nn.ReLU(), nn.Linear(512,512), nn.ReLU(), nn.Linear(512,512), nn.ReLU(), nn.Linear(512,out)]
    for l in L:
        if isinstance(l, nn.Linear):
            nn.init.zeros_(l.bias)
    for l in L[:-1]:
        if isinstance(l, nn.Linear):
            nn.init.kaiming_uniform_(l.weight, a=0)
    return nn.Sequential(*L)
if args.data == "8g":
    r = 1/math.sqrt(2)
    C = torch.tensor([[1,0],[-1,0],[0,1],[0,-1],[r,r],[r,-r],[-r,r],[-r,-r]])*2/1.414; noise=0.02; div=1.414
else:
    C = torch.tensor([[x*2.0,y*2.0] for x in range(-2,3) for y in range(-2,3)])/2.828; noise=0.05; div=2.828
std = noise/div
def real(n):
    idx = torch.randint(len(C),(n,))
    return C[idx] + noise*torch.randn(n,2)/div
G = mlp(2); D = mlp(1)
oG = torch.optim.Adam(G.parameters(), lr=args.lr, betas=(0.5,0.9))
oD = torch.optim.Adam(D.parameters(), lr=args.lr, betas=(0.5,0.9))
def evaluate():
    with torch.no_grad():
        s = G(torch.randn(2500,2))
    d = torch.cdist(s, C); m, a = d.min(1)
    hq = m < 3*std
    modes = len(set(a[hq].tolist()))
    return modes, hq.float().mean().item()
t0=time.time()
for it in range(1, args.iters+1):
    for _ in range(5):
        x = real(256)
        with torch.no_grad(): f = G(torch.randn(256,2))
        loss = D(f).mean() - D(x).mean()
        e = torch.rand(256,1)
        xh = (e*x + (1-e)*f).requires_grad_(True)
        g = torch.autograd.grad(D(xh).sum(), xh, create_graph=True)[0]
        gp = 0.1*((g.norm(2,dim=1)-1)**2).mean()
        oD.zero_grad(); (loss+gp).backward(); oD.step()
    gl = -D(G(torch.randn(256,2))).mean()
    oG.zero_grad(); gl.backward(); oG.step()
    if it % 250 == 0:
        print(it, *evaluate(), round(time.time()-t0), flush=True)
