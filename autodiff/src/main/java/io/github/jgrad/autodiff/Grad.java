package io.github.jgrad.autodiff;

import io.github.jgrad.tensor.Fused;
import io.github.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reverse-mode engine. It orders the graph topologically without recursion (a chain of any
 * depth works), seeds the outputs' gradients, and walks the nodes from outputs to inputs,
 * calling each node's backward rule and summing the gradients that meet at a value.
 *
 * <p>With {@code createGraph}, the backward rules are themselves recorded, so the returned
 * gradients are {@link Var}s in a graph and a function of them (a gradient penalty) can be
 * differentiated again. Without it, the rules run in a no-grad scope and cost no graph.
 * Gradients known to be zero are absent and never materialised until a result is returned.
 * Without {@code createGraph}, the engine alone holds the gradients in flight: it sums them in
 * place and hands each one's memory back for reuse once it is dead ({@link GradientBuffers}).
 */
public final class Grad {
    private Grad() {
    }

    /**
     * Gradients of the outputs (weighted by {@code gradOutputs}) with respect to {@code inputs}.
     *
     * @param outputs values to differentiate; each must require a gradient
     * @param inputs values to differentiate with respect to (leaves or intermediate values)
     * @param gradOutputs one gradient per output, of its shape; null means 1 for scalar outputs
     * @param createGraph record the backward computation so the result can be differentiated again
     * @param retainGraph keep the graph for a later backward; otherwise its saved values are freed
     * @param allowUnused return null for an input that no output depends on instead of failing
     * @return one gradient per input (zero-valued where the gradient is known to be zero)
     */
    public static List<Var> grad(List<Var> outputs, List<Var> inputs, List<Var> gradOutputs,
                                 boolean createGraph, boolean retainGraph, boolean allowUnused) {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("grad: no inputs given");
        }
        Map<Var, Integer> targets = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Var in = inputs.get(i);
            if (in == null) {
                throw new IllegalArgumentException("grad: input " + i + " is null");
            }
            if (!in.requiresGrad()) {
                throw new IllegalArgumentException("grad: input " + i + " (shape " + in.shape()
                        + ") does not require a gradient");
            }
            targets.putIfAbsent(in, i);
        }
        Map<Var, Var> found = run(outputs, gradOutputs, targets.keySet(), createGraph, retainGraph, false);
        List<Var> result = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Var in = inputs.get(i);
            Var g = found.get(in);
            if (g == null && found.containsKey(in)) {
                g = Var.constant(Tensor.zeros(in.dtype(), in.shape()));
            } else if (g == null) {
                if (!allowUnused) {
                    throw new IllegalArgumentException("grad: input " + i + " (shape " + in.shape()
                            + ") is not part of the graph of the outputs; pass allowUnused=true to get null for it");
                }
            }
            result.add(g);
        }
        return result;
    }

    /** {@link #grad(List, List, List, boolean, boolean, boolean)} for one scalar output and one input. */
    public static Var grad(Var output, Var input, boolean createGraph) {
        java.util.Objects.requireNonNull(output, "output");
        java.util.Objects.requireNonNull(input, "input");
        return grad(List.of(output), List.of(input), null, createGraph, createGraph, false).get(0);
    }

    /** Backpropagates into the {@code grad} of every leaf that requires one. */
    static void backward(Var output, Tensor gradOutput, boolean retainGraph) {
        List<Var> seeds = gradOutput == null ? null : List.of(Var.constant(gradOutput));
        Map<Var, Var> leaves = run(List.of(output), seeds, null, false, retainGraph, true);
        for (Map.Entry<Var, Var> e : leaves.entrySet()) {
            if (e.getValue() != null) {
                e.getKey().accumulateGrad(e.getValue().value());
            }
        }
    }

    /**
     * Runs backward from the outputs. With {@code targets == null} every leaf is a target.
     * Returns a map from each reached target to its gradient (value null: reached, but the
     * gradient is known to be zero).
     */
    private static Map<Var, Var> run(List<Var> outputs, List<Var> gradOutputs, Set<Var> targets,
                                     boolean createGraph, boolean retainGraph, boolean allLeaves) {
        Map<Var, Var> grads = seed(outputs, gradOutputs);
        List<Var> order = postOrder(outputs);
        Set<Var> needed = neededNodes(order, targets);
        Map<Var, Var> found = new IdentityHashMap<>();
        try (NoGrad scope = createGraph ? null : NoGrad.enter();
             BackwardRecording recording = BackwardRecording.enter(createGraph);
             GradientBuffers buffers = GradientBuffers.open(createGraph, grads, found)) {
            for (int idx = order.size() - 1; idx >= 0; idx--) {
                Var v = order.get(idx);
                Var g = grads.remove(v);
                boolean isTarget = allLeaves ? v.isLeaf() : targets.contains(v);
                if (isTarget) {
                    found.put(v, g);
                }
                if (v.isLeaf() || g == null || !needed.contains(v)) {
                    continue;
                }
                if (v.freed) {
                    throw new IllegalStateException("backward: the graph through '" + v.op.label()
                            + "' was already freed by an earlier backward; pass retainGraph=true to the first one");
                }
                boolean[] need = new boolean[v.inputs.length];
                boolean any = false;
                for (int i = 0; i < need.length; i++) {
                    need[i] = needed.contains(v.inputs[i]);
                    any |= need[i];
                }
                if (!any) {
                    continue;
                }
                Var[] ins = v.backward.apply(g, v, need);
                if (!retainGraph) {
                    v.backward = null;
                    v.freed = true;
                }
                for (int i = 0; i < ins.length; i++) {
                    if (ins[i] == null || !need[i]) {
                        continue;
                    }
                    if (Anomaly.isEnabled()) {
                        checkFinite(v, i, ins[i].value());
                    }
                    buffers.accumulate(v.inputs[i], ins[i], g, ins);
                }
                buffers.finishNode(g);
            }
        }
        return found;
    }

    private static Map<Var, Var> seed(List<Var> outputs, List<Var> gradOutputs) {
        if (outputs == null || outputs.isEmpty()) {
            throw new IllegalArgumentException("grad: no outputs given");
        }
        if (gradOutputs != null && gradOutputs.size() != outputs.size()) {
            throw new IllegalArgumentException("grad: " + gradOutputs.size() + " gradOutputs for "
                    + outputs.size() + " outputs");
        }
        Map<Var, Var> grads = new IdentityHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            Var out = outputs.get(i);
            if (out == null) {
                throw new IllegalArgumentException("grad: output " + i + " is null");
            }
            if (!out.requiresGrad()) {
                throw new IllegalArgumentException("grad: output " + i + " (shape " + out.shape()
                        + ") does not require a gradient: it was computed from constants only, inside a no-grad scope,"
                        + " or is a gradient known to be constant (e.g. of relu or a linear function), whose derivative is zero");
            }
            Var g = gradOutputs == null ? null : gradOutputs.get(i);
            if (g == null) {
                if (out.shape().size() != 1) {
                    throw new IllegalArgumentException("grad: output " + i + " has shape " + out.shape()
                            + "; a gradient can be implied only for a one-element output, so pass gradOutputs");
                }
                g = Var.constant(Tensor.ones(out.dtype(), out.shape()));
            } else if (!g.shape().equals(out.shape()) || g.dtype() != out.dtype()) {
                throw new IllegalArgumentException("grad: gradOutput " + i + " has shape " + g.shape() + " " + g.dtype()
                        + " but output " + i + " has shape " + out.shape() + " " + out.dtype());
            }
            grads.merge(out, g, Var::add);
        }
        return grads;
    }

    /** Every grad-requiring value reachable from the outputs, each after all of its inputs. */
    private static List<Var> postOrder(List<Var> outputs) {
        List<Var> order = new ArrayList<>();
        Set<Var> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Var[] stack = new Var[16];
        int[] next = new int[16];
        for (Var root : outputs) {
            if (!visited.add(root)) {
                continue;
            }
            int top = 0;
            stack[0] = root;
            next[0] = 0;
            while (top >= 0) {
                Var v = stack[top];
                if (next[top] < v.inputs.length) {
                    Var in = v.inputs[next[top]++];
                    if (in.requiresGrad() && visited.add(in)) {
                        if (++top == stack.length) {
                            stack = Arrays.copyOf(stack, top * 2);
                            next = Arrays.copyOf(next, top * 2);
                        }
                        stack[top] = in;
                        next[top] = 0;
                    }
                } else {
                    order.add(v);
                    stack[top--] = null;
                }
            }
        }
        return order;
    }

    /** Values from which some target is reachable (all of them when {@code targets} is null). */
    private static Set<Var> neededNodes(List<Var> order, Set<Var> targets) {
        Set<Var> needed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Var v : order) {
            boolean need = targets == null || targets.contains(v);
            for (int i = 0; i < v.inputs.length && !need; i++) {
                need = needed.contains(v.inputs[i]);
            }
            if (need) {
                needed.add(v);
            }
        }
        return needed;
    }

    private static void checkFinite(Var node, int input, Tensor g) {
        if (Fused.allFinite(g)) {
            return;
        }
        for (int i = 0; i < g.size(); i++) {
            double x = g.getDouble(i);
            if (!Double.isFinite(x)) {
                String site = node.creationSite != null ? node.creationSite
                        : "<unknown: it was created before anomaly detection was switched on>";
                throw new AnomalyException(node.op, site, input, Double.isNaN(x) ? "NaN" : "an infinity");
            }
        }
    }
}
