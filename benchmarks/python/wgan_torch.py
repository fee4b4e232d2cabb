#!/usr/bin/env python3
"""Time PyTorch on the four training workloads of jgrad's benchmarks (REFERENCE.md, "Speed of
the reference"), built like io.github.jgrad.bench.Workload: same networks, batch sizes, n_critic,
optimizers, penalty weights, and the same per-step structure as jgrad's Trainer (critic on a real
and a fake batch, penalty at per-sample interpolates, optimizer step, clipping after the step;
then one generator step with the critic's weights frozen).

Workloads: toy-wgan-gp, toy-wgan-clip, mnist-mlp-wgan-gp, mnist-conv-wgan-gp. The MNIST ones
draw uniform [-1, 1) tensors shaped like MNIST, as jgrad's side does, so no files are needed.

Debian's PyTorch calls whatever libblas.so.3 the dynamic linker finds, and the plain install
finds a reference BLAS about 20x slower than OpenBLAS. Unless --blas-dir '' is given, the script
re-executes itself with LD_LIBRARY_PATH starting with the OpenBLAS OpenMP folder and
OMP_NUM_THREADS / OPENBLAS_NUM_THREADS set to --threads (a thread count set after OpenBLAS has
started is not always honoured), and calls torch.set_num_threads (whose default here is 1).

Runs untimed generator iterations until at least --warmup have run and --warmup-seconds
(default 5, as on jgrad's side) have passed, then --iterations timed ones (each phase cut short
after --max-seconds, keeping at least two timed iterations, so a run stays bounded), and prints as its last
line "RESULT it_per_s=... seconds=... iterations=... peak_rss_kb=... loss_sum=... backend=...",
the format io.github.jgrad.bench.SideBySide parses. Peak RSS is ru_maxrss of getrusage.

Usage: /usr/bin/python3 wgan_torch.py --workload toy-wgan-gp [--threads 1] [--iterations 10]
                                      [--warmup 3] [--warmup-seconds 5] [--blas-dir /usr/lib/x86_64-linux-gnu/openblas-openmp]
"""
import argparse
import math
import os
import resource
import sys
import time

DEFAULT_BLAS_DIR = "/usr/lib/x86_64-linux-gnu/openblas-openmp"
WORKLOADS = ("toy-wgan-gp", "toy-wgan-clip", "mnist-mlp-wgan-gp", "mnist-conv-wgan-gp")


def reexec_with_blas(args):
    """Restarts this script with the OpenBLAS OpenMP folder first on LD_LIBRARY_PATH, once."""
    if not args.blas_dir or os.environ.get("WGAN_TORCH_REEXEC") == "1":
        return
    if not os.path.isdir(args.blas_dir):
        sys.exit("%s does not exist: apt-get install libopenblas0-openmp, or pass --blas-dir ''" % args.blas_dir)
    env = dict(os.environ)
    env["WGAN_TORCH_REEXEC"] = "1"
    env["OMP_NUM_THREADS"] = str(args.threads)
    env["OPENBLAS_NUM_THREADS"] = str(args.threads)
    old = env.get("LD_LIBRARY_PATH")
    env["LD_LIBRARY_PATH"] = args.blas_dir + (":" + old if old else "")
    sys.stdout.flush()
    os.execve(sys.executable, [sys.executable, os.path.abspath(__file__)] + sys.argv[1:], env)


def mapped_blas():
    """File names of the BLAS shared libraries this process has mapped (Linux only)."""
    try:
        with open("/proc/self/maps") as maps:
            return sorted({line.split()[-1] for line in maps if "blas" in line and ".so" in line})
    except OSError:
        return []


def build(workload, torch):
    """Returns (critic, generator, noise_dim, batch, sample_real, objective, lam)."""
    nn = torch.nn

    def toy_mlp(out):
        layers = [nn.Linear(2, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(),
                  nn.Linear(512, out)]
        for layer in layers:
            if isinstance(layer, nn.Linear):
                nn.init.zeros_(layer.bias)
        for layer in layers[:-1]:
            if isinstance(layer, nn.Linear):
                nn.init.kaiming_uniform_(layer.weight, a=0)  # He-uniform hidden layers, as Networks.toyMlp
        return nn.Sequential(*layers)

    if workload.startswith("toy-"):
        scale = 2.0
        r = 1.0 / math.sqrt(2)
        centres = torch.tensor([[1, 0], [-1, 0], [0, 1], [0, -1], [r, r], [r, -r], [-r, r], [-r, -r]]) * scale

        def sample_real(n):
            idx = torch.randint(0, 8, (n,))
            return (centres[idx] + 0.02 * torch.randn(n, 2)) / 1.414

        objective = "wgan-gp" if workload == "toy-wgan-gp" else "wgan-clip"
        return toy_mlp(1), toy_mlp(2), 2, 256, sample_real, objective, 0.1
    if workload == "mnist-mlp-wgan-gp":
        critic = nn.Sequential(nn.Linear(784, 512), nn.LeakyReLU(0.2), nn.Linear(512, 256), nn.LeakyReLU(0.2),
                               nn.Linear(256, 1))
        generator = nn.Sequential(nn.Linear(128, 256), nn.ReLU(), nn.Linear(256, 512), nn.ReLU(),
                                  nn.Linear(512, 784), nn.Tanh())
        return critic, generator, 128, 64, lambda n: torch.rand(n, 784) * 2 - 1, "wgan-gp", 10.0
    if workload == "mnist-conv-wgan-gp":
        critic = nn.Sequential(nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(64, 128, 4, 2, 1),
                               nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(128 * 7 * 7, 1))
        generator = nn.Sequential(nn.Linear(128, 128 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (128, 7, 7)),
                                  nn.ConvTranspose2d(128, 64, 4, 2, 1), nn.ReLU(),
                                  nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
        return critic, generator, 128, 64, lambda n: torch.rand(n, 1, 28, 28) * 2 - 1, "wgan-gp", 10.0
    raise SystemExit("unknown workload %s; known: %s" % (workload, ", ".join(WORKLOADS)))


def penalty(torch, critic, real, fake, lam):
    """lambda * mean (||grad_x D(x_hat)|| - 1)^2 with per-sample eps and eps inside the sqrt."""
    n = real.shape[0]
    eps = torch.rand((n,) + (1,) * (real.dim() - 1))
    x_hat = (fake + (real - fake) * eps).requires_grad_(True)
    out = critic(x_hat)
    (g,) = torch.autograd.grad(out.sum(), x_hat, create_graph=True)
    norms = torch.sqrt(g.reshape(n, -1).pow(2).sum(1) + 1e-12)
    return lam * (norms - 1).pow(2).mean(), norms


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workload", required=True, choices=WORKLOADS)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--warmup-seconds", type=float, default=5.0,
                        help="keep warming up until this long has passed, as jgrad's side does")
    parser.add_argument("--max-seconds", type=float, default=20.0,
                        help="cut warm-up and timing short after this long (at least 2 timed iterations)")
    parser.add_argument("--n-critic", type=int, default=5)
    parser.add_argument("--blas-dir", default=DEFAULT_BLAS_DIR,
                        help="folder put first on LD_LIBRARY_PATH; empty to leave it alone")
    args = parser.parse_args()
    reexec_with_blas(args)

    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    critic, generator, noise_dim, batch, sample_real, objective, lam = build(args.workload, torch)
    if objective == "wgan-gp":
        opt_d = torch.optim.Adam(critic.parameters(), lr=1e-4, betas=(0.5, 0.9))
        opt_g = torch.optim.Adam(generator.parameters(), lr=1e-4, betas=(0.5, 0.9))
    else:
        opt_d = torch.optim.RMSprop(critic.parameters(), lr=5e-5)
        opt_g = torch.optim.RMSprop(generator.parameters(), lr=5e-5)

    def iteration():
        for p in critic.parameters():
            p.requires_grad_(True)
        for _ in range(args.n_critic):
            real = sample_real(batch)
            with torch.no_grad():
                fake = generator(torch.randn(batch, noise_dim))
            opt_d.zero_grad(set_to_none=True)
            loss = critic(fake).mean() - critic(real).mean()
            total = loss
            if objective == "wgan-gp":
                pen, norms = penalty(torch, critic, real, fake, lam)
                total = loss + pen
                pen.item(), norms.mean().item(), norms.std().item()  # the statistics jgrad's Trainer reports
            total.backward()
            opt_d.step()
            if objective == "wgan-clip":
                with torch.no_grad():
                    for p in critic.parameters():
                        p.clamp_(-0.01, 0.01)  # after the step, as in the paper's Algorithm 1
            d_loss = loss.item()
        for p in critic.parameters():
            p.requires_grad_(False)  # the generator step needs no critic weight gradients
        opt_g.zero_grad(set_to_none=True)
        g_loss = -critic(generator(torch.randn(batch, noise_dim))).mean()
        g_loss.backward()
        opt_g.step()
        return d_loss + g_loss.item()

    sink = 0.0
    warm_start = time.perf_counter()
    warmed = 0
    while warmed < args.warmup or time.perf_counter() - warm_start < args.warmup_seconds:
        if time.perf_counter() - warm_start >= args.max_seconds:
            break
        sink += iteration()
        warmed += 1
    start = time.perf_counter()
    done = 0
    while done < args.iterations and (done < 2 or time.perf_counter() - start < args.max_seconds):
        sink += iteration()
        done += 1
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    # The full path shows which flavour was mapped: .../openblas-openmp/ or .../openblas-pthread/.
    blas = ",".join(p for p in mapped_blas() if "openblas" in p) or ",".join(mapped_blas()) or "unknown"
    print("RESULT it_per_s=%.4f seconds=%.3f iterations=%d peak_rss_kb=%d loss_sum=%.4g backend=torch-%s_%d-threads_%s"
          % (done / seconds, seconds, done, peak_kb, sink, torch.__version__,
             torch.get_num_threads(), blas))


if __name__ == "__main__":
    main()
