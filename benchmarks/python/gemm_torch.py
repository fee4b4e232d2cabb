#!/usr/bin/env python3
"""Time PyTorch float32 matrix products on the shapes of jgrad's GemmBenchmark.

Prints GFLOP/s = 2*M*N*K / time, median (and min, max) over samples, per thread count and
shape, in the layout of io.github.jgrad.bench.GemmReport so the two can be compared.

Debian's PyTorch (python3-torch) calls whatever libblas.so.3 the dynamic linker finds. By
default each measurement runs in a child process whose LD_LIBRARY_PATH starts with the
OpenBLAS OpenMP folder (package libopenblas0-openmp), as the project's REFERENCE.md
recommends, and whose OMP_NUM_THREADS / OPENBLAS_NUM_THREADS match torch.set_num_threads,
since a thread count set after OpenBLAS has started is not always honoured. The child prints
the BLAS library it actually mapped.

Usage: /usr/bin/python3 gemm_torch.py [--threads 1,2] [--shapes 256x512x512,...]
                                      [--samples 15] [--sample-seconds 0.2]
                                      [--blas-dir /usr/lib/x86_64-linux-gnu/openblas-openmp]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

DEFAULT_SHAPES = "256x512x512,64x784x512,1024x1024x1024"
DEFAULT_BLAS_DIR = "/usr/lib/x86_64-linux-gnu/openblas-openmp"


def mapped_blas():
    """Paths of the BLAS shared libraries this process has mapped (Linux only)."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line and ".so" in line}
        return sorted(paths)
    except OSError:
        return []


def measure(threads, shapes, samples, sample_seconds):
    """Runs in the child: returns one result dict per shape."""
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(42)
    results = []
    for shape in shapes:
        m, k, n = (int(x) for x in shape.split("x"))
        a = torch.rand(m, k, dtype=torch.float32) - 0.5
        b = torch.rand(k, n, dtype=torch.float32) - 0.5
        out = torch.empty(m, n, dtype=torch.float32)
        # Warm-up: thread pools start, caches and page tables fill.
        end = time.perf_counter() + 1.0
        while time.perf_counter() < end:
            torch.mm(a, b, out=out)
        per_call = []
        for _ in range(samples):
            calls = 0
            start = time.perf_counter()
            while True:
                torch.mm(a, b, out=out)
                calls += 1
                elapsed = time.perf_counter() - start
                if elapsed >= sample_seconds:
                    break
            per_call.append(elapsed / calls)
        flops = 2.0 * m * n * k
        gflops = sorted(flops / t / 1e9 for t in per_call)
        results.append({
            "shape": shape,
            "median_us": statistics.median(per_call) * 1e6,
            "gflops": statistics.median(gflops),
            "min": gflops[0],
            "max": gflops[-1],
        })
    return {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": mapped_blas(),
        "results": results,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--shapes", default=DEFAULT_SHAPES)
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--sample-seconds", type=float, default=0.2)
    parser.add_argument("--blas-dir", default=DEFAULT_BLAS_DIR,
                        help="folder put first on LD_LIBRARY_PATH; empty to leave it alone")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    shapes = args.shapes.split(",")

    if args.child is not None:
        print(json.dumps(measure(args.child, shapes, args.samples, args.sample_seconds)))
        return

    print("OPENBLAS_CORETYPE=%s" % os.environ.get("OPENBLAS_CORETYPE"))
    print("%-8s %-7s %-16s %12s %10s %10s %10s" % ("backend", "threads", "shape MxKxN", "median us",
                                                   "GFLOP/s", "min", "max"))
    for threads in (int(t) for t in args.threads.split(",")):
        env = dict(os.environ)
        env["OMP_NUM_THREADS"] = str(threads)
        env["OPENBLAS_NUM_THREADS"] = str(threads)
        if args.blas_dir:
            if not os.path.isdir(args.blas_dir):
                sys.exit("%s does not exist: apt-get install libopenblas0-openmp, or pass --blas-dir ''"
                         % args.blas_dir)
            env["LD_LIBRARY_PATH"] = args.blas_dir + (":" + env["LD_LIBRARY_PATH"]
                                                      if env.get("LD_LIBRARY_PATH") else "")
        child = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--child", str(threads), "--shapes", args.shapes,
             "--samples", str(args.samples), "--sample-seconds", str(args.sample_seconds)],
            env=env, check=True, stdout=subprocess.PIPE, text=True)
        report = json.loads(child.stdout.strip().splitlines()[-1])
        for r in report["results"]:
            print("%-8s %-7d %-16s %12.1f %10.1f %10.1f %10.1f" % ("torch", report["threads"], r["shape"],
                                                                 r["median_us"], r["gflops"], r["min"], r["max"]))
        print("# torch %s, %d thread(s), BLAS mapped: %s" % (report["torch"], report["threads"],
                                                            ", ".join(report["blas"]) or "unknown"))


if __name__ == "__main__":
    main()
