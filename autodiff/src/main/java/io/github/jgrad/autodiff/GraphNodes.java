package io.github.jgrad.autodiff;

import io.github.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The values of a recorded graph in topological order (each after its inputs), with the short
 * names that {@link GraphPicture} and {@link Explain} print: a given name for named values,
 * {@code t1, t2, ...} for the outputs of operations, {@code c1, ...} for constants and
 * {@code x1, ...} for unnamed leaves.
 */
final class GraphNodes {
    final List<Var> order;
    private final Map<Var, String> names = new IdentityHashMap<>();

    private GraphNodes(List<Var> order, Map<Var, String> given) {
        this.order = order;
        int ops = 0;
        int leaves = 0;
        int constants = 0;
        for (Var v : order) {
            String name = given == null ? null : given.get(v);
            if (name == null) {
                name = !v.isLeaf() ? "t" + ++ops : v.requiresGrad() ? "x" + ++leaves : "c" + ++constants;
            }
            names.put(v, name);
        }
    }

    /** Every value reachable from the outputs, constants included, without recursion. */
    static GraphNodes of(List<Var> outputs, Map<Var, String> given) {
        List<Var> order = new ArrayList<>();
        Set<Var> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Var> stack = new ArrayList<>();
        List<Integer> next = new ArrayList<>();
        for (Var root : outputs) {
            if (!visited.add(root)) {
                continue;
            }
            stack.add(root);
            next.add(0);
            while (!stack.isEmpty()) {
                int top = stack.size() - 1;
                Var v = stack.get(top);
                int i = next.get(top);
                if (i < v.inputs.length) {
                    next.set(top, i + 1);
                    Var in = v.inputs[i];
                    if (visited.add(in)) {
                        stack.add(in);
                        next.add(0);
                    }
                } else {
                    order.add(v);
                    stack.remove(top);
                    next.remove(top);
                }
            }
        }
        return new GraphNodes(order, given);
    }

    String name(Var v) {
        return names.get(v);
    }

    /** {@code [2, 3]}-style shape, {@code scalar} for rank 0. */
    static String shape(Tensor t) {
        return t.rank() == 0 ? "scalar" : t.shape().toString();
    }

    /**
     * The elements of a small tensor ({@code 12}, {@code [1, -0.5]}, {@code [[1, 2], [3, 4]]}),
     * or {@code null} when it has more than {@code maxElements}.
     */
    static String values(Tensor t, int maxElements) {
        if (t.size() > maxElements) {
            return null;
        }
        if (t.rank() == 0) {
            return number(t.getDouble(0));
        }
        StringBuilder sb = new StringBuilder();
        appendAxis(sb, t, 0, 0);
        return sb.toString();
    }

    private static int appendAxis(StringBuilder sb, Tensor t, int axis, int flat) {
        sb.append('[');
        for (int i = 0; i < t.dim(axis); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (axis == t.rank() - 1) {
                sb.append(number(t.getDouble(flat++)));
            } else {
                flat = appendAxis(sb, t, axis + 1, flat);
            }
        }
        sb.append(']');
        return flat;
    }

    /** Four significant digits, without a trailing {@code .0} on whole numbers. */
    static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e6) {
            return Long.toString((long) x);
        }
        String s = String.format(Locale.ROOT, "%.4g", x);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
