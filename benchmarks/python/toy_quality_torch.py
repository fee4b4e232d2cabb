#!/usr/bin/env python3
"""Train a toy GAN of REFERENCE.md in PyTorch and print, every 250 generator iterations, the
iteration, the modes covered and the high-quality share of 2500 samples (the metrics of jgrad's
ModeCoverage), and the seconds elapsed.

Same networks and settings as `jgrad compare --width 512`: MLP 2-512-512-512-out with ReLU,
He-uniform hidden layers, zero biases, batch 256, and per objective
  wgan-gp:   Adam (0.5, 0.9), lr 1e-4, n_critic 5, lambda 0.1, eps ~ U[0, 1) per sample;
  wgan-clip: RMSprop, lr 5e-5, n_critic 5, critic weights clamped to [-0.01, 0.01] after each step;
  gan:       Adam (0.5, 0.9), lr 1e-4, n_critic 1, BCE on logits, non-saturating generator loss.
--lr-decay decays both rates linearly to 0 over the run, as jgrad's --lr-decay does. It shows, next
to jgrad's runs, what the same settings give in PyTorch (docs/lipschitz.md).

Usage: /usr/bin/python3 toy_quality_torch.py [--iters 6000] [--seed 1] [--data 8g|25g]
                                             [--objective wgan-gp|wgan-clip|gan] [--lr R] [--lr-decay]
                                             [--init he-uniform|pytorch]
--init pytorch keeps nn.Linear's default initialisation (REFERENCE.md's table; jgrad's --init pytorch).
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
p.add_argument("--lr", type=float, default=None)
p.add_argument("--lr-decay", action="store_true")
p.add_argument("--objective", default="wgan-gp", choices=["wgan-gp", "wgan-clip", "gan"])
p.add_argument("--data", default="8g", choices=["8g", "25g"])
p.add_argument("--init", default="he-uniform", choices=["he-uniform", "pytorch"])
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
    if args.init == "pytorch":
        return nn.Sequential(*L)  # nn.Linear's own initialisation, as REFERENCE.md's table used
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
lr = args.lr if args.lr is not None else (5e-5 if args.objective == "wgan-clip" else 1e-4)
if args.objective == "wgan-clip":
    oG = torch.optim.RMSprop(G.parameters(), lr=lr)
    oD = torch.optim.RMSprop(D.parameters(), lr=lr)
else:
    oG = torch.optim.Adam(G.parameters(), lr=lr, betas=(0.5,0.9))
    oD = torch.optim.Adam(D.parameters(), lr=lr, betas=(0.5,0.9))
n_critic = 1 if args.objective == "gan" else 5
bce = nn.BCEWithLogitsLoss()
def evaluate():
    with torch.no_grad():
        s = G(torch.randn(2500,2))
    d = torch.cdist(s, C); m, a = d.min(1)
    hq = m < 3*std
    modes = len(set(a[hq].tolist()))
    return modes, hq.float().mean().item()
t0=time.time()
for it in range(1, args.iters+1):
    for _ in range(n_critic):
        x = real(256)
        with torch.no_grad(): f = G(torch.randn(256,2))
        if args.objective == "gan":
            loss = bce(D(x), torch.ones(256,1)) + bce(D(f), torch.zeros(256,1))
        else:
            loss = D(f).mean() - D(x).mean()
        if args.objective == "wgan-gp":
            e = torch.rand(256,1)
            xh = (e*x + (1-e)*f).requires_grad_(True)
            g = torch.autograd.grad(D(xh).sum(), xh, create_graph=True)[0]
            loss = loss + 0.1*((g.norm(2,dim=1)-1)**2).mean()
        oD.zero_grad(); loss.backward(); oD.step()
        if args.objective == "wgan-clip":
            with torch.no_grad():
                for q in D.parameters(): q.clamp_(-0.01, 0.01)
    out = D(G(torch.randn(256,2)))
    gl = bce(out, torch.ones(256,1)) if args.objective == "gan" else -out.mean()
    oG.zero_grad(); gl.backward(); oG.step()
    if args.lr_decay:
        for o in (oG, oD):
            for group in o.param_groups: group["lr"] = lr * (1 - it/args.iters)
    if it % 250 == 0:
        print(it, *evaluate(), round(time.time()-t0), flush=True)
