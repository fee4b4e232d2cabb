#!/usr/bin/env bash
# The docs/scale.md measurement: a 6-run grid (wgan-gp and wgan-clip x seeds 1, 2, 3 on 8 Gaussians,
# toy MLPs of width 512) trained three ways on this machine, one after the other:
#   1. jgrad compare, serially, one thread per run (OpenBLAS and jgrad's kernels);
#   2. jgrad compare, serially, two threads per run;
#   3. jgrad-spark sweep on local[2], two runs at a time, one thread per run.
# Prints each wall time (process start to exit, JVM and Spark start-up included), the ratios, and
# whether every sweep run is bit-identical to the one-thread compare run; copies the sweep's
# timeline figure to docs/images/scale-timeline.png.
#
# Usage (from the repository root, after `mvn -q -DskipTests -Dmaven.javadoc.skip package`):
#   wgan-spark/scripts/measure-scale.sh [ITERATIONS] [OUT]
# ITERATIONS defaults to 350 (about a minute per run at one thread on a 2-core machine).
set -euo pipefail
cd "$(dirname "$0")/../.."

iterations=${1:-350}
out=${2:-runs/scale}
width=512
grid=(--data 8gaussians --objectives wgan-gp,wgan-clip --seeds 1,2,3 --iterations "$iterations" --width "$width")
jgrad=wgan-examples/target/jgrad.jar
spark=wgan-spark/target/jgrad-spark.jar
for jar in "$jgrad" "$spark"; do
  [ -f "$jar" ] || { echo "missing $jar: run mvn -q -DskipTests -Dmaven.javadoc.skip package first" >&2; exit 2; }
done
rm -rf "$out"
mkdir -p "$out"

seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

echo "== compare, serial, 1 thread per run"
t0=$(seconds)
OPENBLAS_NUM_THREADS=1 java -Djgrad.threads=1 -jar "$jgrad" compare "${grid[@]}" --out "$out/compare-1t" \
  --no-progress > "$out/compare-1t.log" 2>&1
t1=$(seconds)
serial1=$(elapsed "$t0" "$t1")
echo "   $serial1 s"

echo "== compare, serial, 2 threads per run"
t0=$(seconds)
OPENBLAS_NUM_THREADS=2 java -Djgrad.threads=2 -jar "$jgrad" compare "${grid[@]}" --out "$out/compare-2t" \
  --no-progress > "$out/compare-2t.log" 2>&1
t1=$(seconds)
serial2=$(elapsed "$t0" "$t1")
echo "   $serial2 s"

echo "== sweep on local[2], 1 thread per run"
t0=$(seconds)
java -jar "$spark" sweep --master 'local[2]' --threads-per-run 1 "${grid[@]}" --out "$out/sweep" \
  > "$out/sweep.log" 2>&1
t1=$(seconds)
sweep=$(elapsed "$t0" "$t1")
echo "   $sweep s ($(grep -o '^6 runs in [0-9.]* s' "$out/sweep.log") inside Spark)"

identical=0
for run in "$out"/compare-1t/8gaussians/*/; do
  name=$(basename "$run")
  if cmp -s "$run/metrics.jsonl" "$out/sweep/8gaussians/$name/metrics.jsonl" \
      && cmp -s "$run/checkpoint.safetensors" "$out/sweep/8gaussians/$name/checkpoint.safetensors"; then
    identical=$((identical + 1))
  fi
done

mkdir -p docs/images
cp "$out/sweep/timeline.png" docs/images/scale-timeline.png

awk -v s1="$serial1" -v s2="$serial2" -v sw="$sweep" -v it="$iterations" -v w="$width" -v same="$identical" 'BEGIN {
  printf "\n| way | wall time (s) | sweep / this |\n|---|---|---|\n"
  printf "| compare, serial, 1 thread per run | %.1f | %.2f |\n", s1, sw / s1
  printf "| compare, serial, 2 threads per run | %.1f | %.2f |\n", s2, sw / s2
  printf "| sweep, local[2], 1 thread per run | %.1f | 1 |\n", sw
  printf "\n6 runs of %d iterations at width %d. Parallel efficiency vs serial 1-thread: %.0f %% (%.2f x speed-up on 2 cores).\n", it, w, 100 * s1 / (2 * sw), s1 / sw
  printf "Sweep runs bit-identical to the 1-thread compare runs: %d of 6.\n", same
}' | tee "$out/result.md"
echo "Timeline: docs/images/scale-timeline.png (from $out/sweep/timeline.png); per-attempt times: $out/sweep/timeline.csv"
