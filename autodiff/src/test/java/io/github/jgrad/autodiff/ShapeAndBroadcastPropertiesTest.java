package io.github.jgrad.autodiff;

import static io.github.jgrad.autodiff.Fixtures.broadcastableTo;
import static io.github.jgrad.autodiff.Fixtures.dims;
import static io.github.jgrad.autodiff.Fixtures.dot;
import static io.github.jgrad.autodiff.Fixtures.normal;
import static io.github.jgrad.autodiff.Fixtures.size;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jgrad.tensor.ConvGeometry;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties over random shapes: broadcasting gradients are the output gradient summed back to
 * each operand's shape (checked against a brute-force reduction), and the movement ops are
 * exact adjoints, {@code <J v, w> == <v, J^T w>}, with {@code J^T w} from the engine.
 */
class ShapeAndBroadcastPropertiesTest {

    /** Brute force: out[idx mod operand dims] += g[idx] over every index of g (operand right-aligned). */
    static Tensor bruteSumToShape(Tensor g, int[] target) {
        Tensor out = Tensor.zeros(DType.F64, Shape.of(target));
        int[] gd = g.shape().toArray();
        int[] idx = new int[gd.length];
        int[] ts = Shape.of(target).strides();
        int off = gd.length - target.length;
        for (int flat = 0; flat < g.size(); flat++) {
            int rem = flat;
            for (int k = gd.length - 1; k >= 0; k--) {
                idx[k] = rem % gd[k];
                rem /= gd[k];
            }
            int o = 0;
            for (int k = 0; k < target.length; k++) {
                o += (target[k] == 1 ? 0 : idx[k + off]) * ts[k];
            }
            out.setInPlace(o, out.getDouble(o) + g.getDouble(flat));
        }
        return out;
    }

    /** Brute force broadcast of an operand to {@code to}. */
    static Tensor bruteExpand(Tensor x, int[] to) {
        Tensor out = Tensor.zeros(DType.F64, Shape.of(to));
        int[] xd = x.shape().toArray();
        int[] xs = x.shape().strides();
        int off = to.length - xd.length;
        int[] idx = new int[to.length];
        for (int flat = 0; flat < out.size(); flat++) {
            int rem = flat;
            for (int k = to.length - 1; k >= 0; k--) {
                idx[k] = rem % to[k];
                rem /= to[k];
            }
            int o = 0;
            for (int k = 0; k < xd.length; k++) {
                o += (xd[k] == 1 ? 0 : idx[k + off]) * xs[k];
            }
            out.setInPlace(flat, x.getDouble(o));
        }
        return out;
    }

    private static void assertClose(Tensor want, Tensor got, String what) {
        assertEquals(want.shape(), got.shape(), what);
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.getDouble(i), got.getDouble(i), 1e-12 * Math.max(1, Math.abs(want.getDouble(i))),
                    what + " element " + i);
        }
    }

    @Property(tries = 60)
    void broadcastAddAndMulGradientsAreTheBroadcastGradientSummedBack(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 4) int outRank) {
        Rng rng = new Rng(seed);
        int[] out = dims(rng, outRank, 1, 4);
        int[] da = broadcastableTo(rng, out);
        int[] db = broadcastableTo(rng, out);
        if (rng.nextDouble() < 0.5) {
            da = out;   // at least one full operand, so the result has shape `out`
        } else {
            db = out;
        }
        Tensor at = normal(rng, da);
        Tensor bt = normal(rng, db);
        Tensor g = normal(rng, out);
        String shapes = Arrays.toString(da) + " with " + Arrays.toString(db);

        Var a = Var.leaf(at);
        Var b = Var.leaf(bt);
        List<Var> add = Grad.grad(List.of(a.add(b)), List.of(a, b), List.of(Var.constant(g)), false, false, false);
        assertClose(bruteSumToShape(g, da), add.get(0).value(), "d(a+b)/da " + shapes);
        assertClose(bruteSumToShape(g, db), add.get(1).value(), "d(a+b)/db " + shapes);

        List<Var> mul = Grad.grad(List.of(a.mul(b)), List.of(a, b), List.of(Var.constant(g)), false, false, false);
        assertClose(bruteSumToShape(g.mul(bruteExpand(bt, out)), da), mul.get(0).value(), "d(a*b)/da " + shapes);
        assertClose(bruteSumToShape(g.mul(bruteExpand(at, out)), db), mul.get(1).value(), "d(a*b)/db " + shapes);
    }

    /** {@code <f(v), w>} against {@code <v, grad_v <f(v), w>>} for a linear f. */
    private static void assertAdjoint(Function<Var[], Var> f, Rng rng, Tensor... vs) {
        Var[] leaves = Fixtures.leaves(vs);
        Var y = f.apply(leaves);
        Tensor w = normal(rng, y.shape().toArray());
        List<Var> jt = Grad.grad(List.of(y), Arrays.asList(leaves), List.of(Var.constant(w)), false, false, false);
        double lhs = dot(y.value(), w);
        double rhs = 0;
        for (int i = 0; i < vs.length; i++) {
            assertEquals(vs[i].shape(), jt.get(i).shape());
            rhs += dot(vs[i], jt.get(i).value());
        }
        assertEquals(lhs, rhs, 1e-12 * Math.max(1, Math.abs(lhs)), "<J v, w> vs <v, J^T w>");
    }

    @Property(tries = 40)
    void reshapeIsAnExactAdjoint(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rank) {
        Rng rng = new Rng(seed);
        int[] d = dims(rng, rank, 1, 4);
        int n = Shape.of(d).size();
        // a random factorisation of n into two sizes
        int first = 1;
        for (int k = 1; k <= n; k++) {
            if (n % k == 0 && rng.nextDouble() < 0.5) {
                first = k;
            }
        }
        int a = first;
        assertAdjoint(v -> v[0].reshape(a, -1), rng, normal(rng, d));
    }

    @Property(tries = 40)
    void permuteIsAnExactAdjoint(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rank) {
        Rng rng = new Rng(seed);
        int[] d = dims(rng, rank, 1, 4);
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) {
            p[i] = i;
        }
        for (int i = rank - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        Var probe = Var.leaf(Tensor.zeros(DType.F64, Shape.of(d)));
        Var permuted = probe.permute(p);
        for (int i = 0; i < rank; i++) {
            assertEquals(d[p[i]], permuted.shape().dim(i));
        }
        assertAdjoint(v -> v[0].permute(p), rng, normal(rng, d));
    }

    @Property(tries = 40)
    void sliceIsAnExactAdjoint(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rank) {
        Rng rng = new Rng(seed);
        int[] d = dims(rng, rank, 1, 4);
        int axis = rng.nextInt(rank);
        int start = rng.nextInt(d[axis]);
        int end = start + 1 + rng.nextInt(d[axis] - start);
        int signedAxis = rng.nextDouble() < 0.5 ? axis : axis - rank;
        assertAdjoint(v -> v[0].slice(signedAxis, start, end), rng, normal(rng, d));
    }

    @Property(tries = 40)
    void padIsAnExactAdjointAndItsValueDoesNotChangeTheGradient(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 3) int rank) {
        Rng rng = new Rng(seed);
        int[] d = dims(rng, rank, 1, 3);
        int[] before = dims(rng, rank, 0, 2);
        int[] after = dims(rng, rank, 0, 2);
        Tensor x = normal(rng, d);
        assertAdjoint(v -> v[0].pad(before, after, 0.0), rng, x);
        // pad with a constant c is affine: same Jacobian as with 0
        Tensor w = normal(rng, x.pad(before, after, 0).shape().toArray());
        Var a = Var.leaf(x);
        Var b = Var.leaf(x);
        Tensor ga = Grad.grad(List.of(a.pad(before, after, 0.0)), List.of(a), List.of(Var.constant(w)),
                false, false, false).get(0).value();
        Tensor gb = Grad.grad(List.of(b.pad(before, after, 2.5)), List.of(b), List.of(Var.constant(w)),
                false, false, false).get(0).value();
        assertClose(ga, gb, "pad value must not enter the gradient");
    }

    @Property(tries = 40)
    void concatIsAnExactAdjoint(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int rank,
            @ForAll @IntRange(min = 1, max = 4) int parts) {
        Rng rng = new Rng(seed);
        int[] d = dims(rng, rank, 1, 3);
        int axis = rng.nextInt(rank);
        Tensor[] ts = new Tensor[parts];
        for (int i = 0; i < parts; i++) {
            int[] di = d.clone();
            di[axis] = size(rng, 1, 3);
            ts[i] = normal(rng, di);
        }
        assertAdjoint(v -> ShapeOps.concat(axis, v), rng, ts);
    }

    @Property(tries = 30)
    void expandAndSumToShapeAreAdjointsOfEachOther(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rank) {
        Rng rng = new Rng(seed);
        int[] out = dims(rng, rank, 1, 4);
        int[] small = broadcastableTo(rng, out);
        Shape target = Shape.of(out);
        assertAdjoint(v -> v[0].expand(target), rng, normal(rng, small));
        assertAdjoint(v -> v[0].sumToShape(Shape.of(small)), rng, normal(rng, out));
        assertClose(bruteExpand(normal(new Rng(seed), small), out),
                normal(new Rng(seed), small).expand(target), "tensor-core expand");
    }

    @Property(tries = 30)
    void im2colAndCol2imAreAdjointsOfEachOther(@ForAll long seed) {
        Rng rng = new Rng(seed);
        int kh = size(rng, 1, 3);
        int kw = size(rng, 1, 3);
        int dh = size(rng, 1, 2);
        int dw = size(rng, 1, 2);
        int ph = rng.nextInt(2);
        int pw = rng.nextInt(2);
        int h = Math.max(dh * (kh - 1) + 1 - 2 * ph, 1) + rng.nextInt(3);
        int w = Math.max(dw * (kw - 1) + 1 - 2 * pw, 1) + rng.nextInt(3);
        ConvGeometry g = new ConvGeometry(size(rng, 1, 2), h, w, kh, kw, size(rng, 1, 2), size(rng, 1, 2), ph, pw, dh, dw);
        int n = size(rng, 1, 2);
        assertAdjoint(v -> LinalgOps.im2col(v[0], g), rng, normal(rng, n, g.channels(), h, w));
        assertAdjoint(v -> LinalgOps.col2im(v[0], g), rng, normal(rng, g.patchSize(), n * g.outH() * g.outW()));
    }

    // ------------------------------------------------------------------ forward values by brute force
    // (adjointness and gradcheck cannot see a forward kernel that is wrong but self-consistent)

    private static int[] unravel(int flat, int[] d) {
        int[] idx = new int[d.length];
        for (int k = d.length - 1; k >= 0; k--) {
            idx[k] = flat % d[k];
            flat /= d[k];
        }
        return idx;
    }

    private static int ravel(int[] idx, int[] d) {
        int flat = 0;
        for (int k = 0; k < d.length; k++) {
            flat = flat * d[k] + idx[k];
        }
        return flat;
    }

    @Property(tries = 30)
    void im2colTimesWeightsIsTheDirectConvolution(@ForAll long seed) {
        Rng rng = new Rng(seed);
        int kh = size(rng, 1, 3);
        int kw = size(rng, 1, 3);
        int dh = size(rng, 1, 2);
        int dw = size(rng, 1, 2);
        int ph = rng.nextInt(2);
        int pw = rng.nextInt(2);
        int h = Math.max(dh * (kh - 1) + 1 - 2 * ph, 1) + rng.nextInt(3);
        int w = Math.max(dw * (kw - 1) + 1 - 2 * pw, 1) + rng.nextInt(3);
        int c = size(rng, 1, 2);
        int sh = size(rng, 1, 2);
        int sw = size(rng, 1, 2);
        ConvGeometry g = new ConvGeometry(c, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
        int n = size(rng, 1, 2);
        int o = size(rng, 1, 2);
        Tensor x = normal(rng, n, c, h, w);
        Tensor wt = normal(rng, o, g.patchSize());
        Tensor cols = LinalgOps.im2col(Var.constant(x), g).value();
        Tensor viaCols = Var.constant(wt).matmul(Var.constant(cols)).value();   // (o, n*oh*ow)
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                for (int oy = 0; oy < g.outH(); oy++) {
                    for (int ox = 0; ox < g.outW(); ox++) {
                        double sum = 0;
                        for (int ci = 0; ci < c; ci++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int y = oy * sh - ph + i * dh;
                                    int xx = ox * sw - pw + j * dw;
                                    if (y >= 0 && y < h && xx >= 0 && xx < w) {
                                        sum += wt.get(oc, (ci * kh + i) * kw + j) * x.get(b, ci, y, xx);
                                    }
                                }
                            }
                        }
                        assertEquals(sum, viaCols.get(oc, (b * g.outH() + oy) * g.outW() + ox), 1e-12, "geometry " + g);
                    }
                }
            }
        }
    }

    @Property(tries = 30)
    void permuteSliceAndPadMoveEachValueWhereTheySay(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rank) {
        Rng rng = new Rng(seed);
        int[] d = dims(rng, rank, 1, 4);
        Tensor x = normal(rng, d);
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) {
            p[i] = i;
        }
        for (int i = rank - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        Tensor y = Var.constant(x).permute(p).value();
        int[] yd = y.shape().toArray();
        for (int f = 0; f < y.size(); f++) {
            int[] yi = unravel(f, yd);
            int[] xi = new int[rank];
            for (int k = 0; k < rank; k++) {
                xi[p[k]] = yi[k];
            }
            assertEquals(x.getDouble(ravel(xi, d)), y.getDouble(f));
        }
        int axis = rng.nextInt(rank);
        int start = rng.nextInt(d[axis]);
        int end = start + 1 + rng.nextInt(d[axis] - start);
        Tensor s = Var.constant(x).slice(axis, start, end).value();
        for (int f = 0; f < s.size(); f++) {
            int[] si = unravel(f, s.shape().toArray());
            si[axis] += start;
            assertEquals(x.getDouble(ravel(si, d)), s.getDouble(f));
        }
        int[] before = dims(rng, rank, 0, 2);
        int[] after = dims(rng, rank, 0, 2);
        Tensor pd = Var.constant(x).pad(before, after, -7.0).value();
        int[] pdd = pd.shape().toArray();
        for (int f = 0; f < pd.size(); f++) {
            int[] pi = unravel(f, pdd);
            boolean inside = true;
            for (int k = 0; k < rank; k++) {
                pi[k] -= before[k];
                inside &= pi[k] >= 0 && pi[k] < d[k];
            }
            assertEquals(inside ? x.getDouble(ravel(pi, d)) : -7.0, pd.getDouble(f));
        }
    }

    @Property(tries = 40)
    void sumMeanMaxMinOverRandomAxesMatchBruteForce(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rank) {
        Rng rng = new Rng(seed);
        int[] d = dims(rng, rank, 1, 4);
        Tensor x = normal(rng, d);
        int[] kept = d.clone();
        List<Integer> axes = new java.util.ArrayList<>();
        for (int k = 0; k < rank; k++) {
            if (rng.nextDouble() < 0.5) {
                axes.add(rng.nextDouble() < 0.5 ? k : k - rank);
                kept[k] = 1;
            }
        }
        int[] ax = axes.stream().mapToInt(Integer::intValue).toArray();
        int count = Shape.of(d).size() / Shape.of(kept).size();
        Tensor sum = bruteSumToShape(x, kept);
        double[] max = new double[sum.size()];
        double[] min = new double[sum.size()];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        for (int f = 0; f < x.size(); f++) {
            int[] i = unravel(f, d);
            for (int k = 0; k < rank; k++) {
                if (kept[k] == 1) {
                    i[k] = 0;
                }
            }
            int o = ravel(i, kept);
            max[o] = Math.max(max[o], x.getDouble(f));
            min[o] = Math.min(min[o], x.getDouble(f));
        }
        Var v = Var.constant(x);
        assertClose(sum, v.sum(ax, true).value(), "sum over " + axes);
        assertClose(sum.div(count), v.mean(ax, true).value(), "mean over " + axes);
        assertClose(Tensor.of(max, kept), v.max(ax, true).value(), "max over " + axes);
        assertClose(Tensor.of(min, kept), v.min(ax, true).value(), "min over " + axes);
    }

    @Property(tries = 40)
    void matmulMatchesTheNaiveProductInEveryTransposeAndBatchLayout(@ForAll long seed,
            @ForAll boolean ta, @ForAll boolean tb, @ForAll @IntRange(min = 0, max = 3) int layout) {
        Rng rng = new Rng(seed);
        int m = size(rng, 1, 4);
        int k = size(rng, 1, 4);
        int n = size(rng, 1, 4);
        int batch = size(rng, 1, 3);
        boolean batchA = layout == 1 || layout == 2;   // 0: 2-D x 2-D, 1: 3-D x 3-D, 2: 3-D x 2-D, 3: 2-D x 3-D
        boolean batchB = layout == 1 || layout == 3;
        int[] da = ta ? new int[] {k, m} : new int[] {m, k};
        int[] db = tb ? new int[] {n, k} : new int[] {k, n};
        Tensor a = normal(rng, batchA ? new int[] {batch, da[0], da[1]} : da);
        Tensor b = normal(rng, batchB ? new int[] {batch, db[0], db[1]} : db);
        Tensor c = Var.constant(a).matmul(Var.constant(b), ta, tb).value();
        int bs = batchA || batchB ? batch : 1;
        for (int q = 0; q < bs; q++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        int[] ia = ta ? new int[] {p, i} : new int[] {i, p};
                        int[] ib = tb ? new int[] {j, p} : new int[] {p, j};
                        double av = batchA ? a.get(q, ia[0], ia[1]) : a.get(ia[0], ia[1]);
                        double bv = batchB ? b.get(q, ib[0], ib[1]) : b.get(ib[0], ib[1]);
                        sum += av * bv;
                    }
                    double got = batchA || batchB ? c.get(q, i, j) : c.get(i, j);
                    assertEquals(sum, got, 1e-12, "layout " + layout + " ta " + ta + " tb " + tb);
                }
            }
        }
    }
}
