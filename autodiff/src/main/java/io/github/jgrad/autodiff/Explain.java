package io.github.jgrad.autodiff;

import io.github.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Steps through a backward pass and says what happens at each node, in the order the engine
 * visits them (outputs first): the operation and its inputs, the gradient arriving at its
 * output, the op table's rule ({@link Op#backwardRule()}) and the gradient it sends to each
 * input. Gradients meeting at a value are summed, as in {@link Grad#grad}.
 *
 * <pre>{@code
 * Var x = Var.leaf(Tensor.scalar(2.0, DType.F64));
 * Var y = x.mul(x).mul(x);
 * System.out.println(Explain.backward(y).name(x, "x").run());
 * }</pre>
 *
 * <p>The graph is kept (as with {@code retainGraph=true}), leaves' accumulated gradients are
 * not touched, and with {@link #createGraph(boolean) createGraph(true)} the returned gradients
 * are recorded, so the gradient of a gradient can be explained in turn.
 */
public final class Explain {
    private final Var output;
    private final Map<Var, String> names = new IdentityHashMap<>();
    private boolean createGraph;
    private int maxShownElements = 6;

    private Explain(Var output) {
        this.output = output;
    }

    /** An explanation of the backward pass from the one-element {@code output}. */
    public static Explain backward(Var output) {
        Objects.requireNonNull(output, "output");
        if (!output.requiresGrad()) {
            throw new IllegalArgumentException("Explain: the output (shape " + output.shape()
                    + ") does not require a gradient, so there is no backward pass to explain");
        }
        if (output.shape().size() != 1) {
            throw new IllegalArgumentException("Explain: the output has shape " + output.shape()
                    + "; explain a one-element output such as its sum");
        }
        return new Explain(output);
    }

    /** Calls {@code v} by {@code name} in the explanation. */
    public Explain name(Var v, String name) {
        names.put(Objects.requireNonNull(v, "v"), Objects.requireNonNull(name, "name"));
        return this;
    }

    /** Calls every value of the map by its name (such as a module's parameters). */
    public Explain names(Map<Var, String> named) {
        Objects.requireNonNull(named, "named").forEach(this::name);
        return this;
    }

    /** Records the backward pass, so the gradients it returns can be differentiated again. */
    public Explain createGraph(boolean on) {
        this.createGraph = on;
        return this;
    }

    /** Largest tensor (in elements) printed in full; larger ones are shown by shape and norm. */
    public Explain maxShownElements(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Explain: maxShownElements must be >= 0, got " + n);
        }
        this.maxShownElements = n;
        return this;
    }

    /** What a run printed and the gradients it found. */
    public record Explanation(String text, List<Var> gradients) {
        /** The text. */
        @Override
        public String toString() {
            return text;
        }
    }

    /** Explains the pass down to every leaf that takes a gradient; gradients in leaf order. */
    public Explanation run() {
        List<Var> leaves = new ArrayList<>();
        for (Var v : GraphNodes.of(List.of(output), names).order) {
            if (v.isLeaf() && v.requiresGrad()) {
                leaves.add(v);
            }
        }
        return wrt(leaves.toArray(new Var[0]));
    }

    /** Explains the pass down to {@code inputs} only (the engine skips the rest of the graph). */
    public Explanation wrt(Var... inputs) {
        Objects.requireNonNull(inputs, "inputs");
        Set<Var> targets = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Var in : inputs) {
            targets.add(Objects.requireNonNull(in, "input"));
        }
        GraphNodes nodes = GraphNodes.of(List.of(output), names);
        Set<Var> needed = needed(nodes.order, targets);
        Map<Var, Var> grads = new IdentityHashMap<>();
        grads.put(output, Var.constant(Tensor.ones(output.dtype(), output.shape())));
        StringBuilder text = new StringBuilder();
        text.append("backward from ").append(nodes.name(output)).append(", seeded with gradient 1")
                .append(createGraph ? " (createGraph: the steps are recorded)" : "").append('\n');
        int step = 0;
        try (NoGrad scope = createGraph ? null : NoGrad.enter();
             BackwardRecording recording = BackwardRecording.enter(createGraph)) {
            for (int idx = nodes.order.size() - 1; idx >= 0; idx--) {
                Var v = nodes.order.get(idx);
                Var g = grads.get(v);
                if (v.isLeaf() || g == null || !needed.contains(v)) {
                    continue;
                }
                if (v.freed) {
                    throw new IllegalStateException("Explain: the graph through '" + v.op.label()
                            + "' was already freed by an earlier backward; pass retainGraph=true to it");
                }
                boolean[] need = new boolean[v.inputs.length];
                for (int i = 0; i < need.length; i++) {
                    need[i] = needed.contains(v.inputs[i]);
                }
                Var[] ins = v.backward.apply(g, v, need);
                describe(text, ++step, nodes, v, g, need, ins, grads);
            }
        }
        List<Var> result = new ArrayList<>();
        text.append("result:\n");
        for (Var in : inputs) {
            Var g = grads.get(in);
            if (g == null) {
                g = Var.constant(Tensor.zeros(in.dtype(), in.shape()));
            }
            result.add(g);
            text.append("  d").append(nodes.name(output)).append("/d").append(nameOf(nodes, in)).append(" = ")
                    .append(show(g.value()));
            if (nodes.name(in) == null) {
                text.append("  (not in this graph)");
            }
            text.append('\n');
        }
        return new Explanation(text.toString(), List.copyOf(result));
    }

    /** Prints one step and sums its gradients into {@code grads}, showing where they meet. */
    private void describe(StringBuilder text, int step, GraphNodes nodes, Var v, Var g, boolean[] need, Var[] ins,
                          Map<Var, Var> grads) {
        text.append("step ").append(step).append(": ").append(nodes.name(v)).append(" = ").append(v.op.label()).append('(');
        for (int i = 0; i < v.inputs.length; i++) {
            text.append(i > 0 ? ", " : "").append(nameOf(nodes, v.inputs[i]));
        }
        text.append(")  ").append(GraphNodes.shape(v.value())).append(", value ").append(show(v.value())).append('\n');
        text.append("  gradient in: ").append(show(g.value())).append('\n');
        text.append("  rule:        ").append(v.op.backwardRule()).append('\n');
        for (int i = 0; i < v.inputs.length; i++) {
            if (!need[i]) {
                continue;
            }
            text.append("  to ").append(nameOf(nodes, v.inputs[i])).append(": ");
            if (ins[i] == null) {
                text.append("nothing (known to be zero)\n");
                continue;
            }
            text.append(show(ins[i].value()));
            Var sum = grads.merge(v.inputs[i], ins[i], Var::add);
            if (sum != ins[i]) {
                text.append("  (added to what it had: now ").append(show(sum.value())).append(')');
            }
            text.append('\n');
        }
    }

    private String nameOf(GraphNodes nodes, Var v) {
        String name = nodes.name(v);
        if (name == null) {
            return names.getOrDefault(v, "?");
        }
        if (v.isLeaf() && !v.requiresGrad()) {
            String small = GraphNodes.values(v.value(), 1);
            return small != null ? small : name;
        }
        return name;
    }

    private String show(Tensor t) {
        String values = GraphNodes.values(t, maxShownElements);
        if (values != null) {
            return values;
        }
        double sq = 0;
        for (int i = 0; i < t.size(); i++) {
            sq += t.getDouble(i) * t.getDouble(i);
        }
        return GraphNodes.shape(t) + " with norm " + GraphNodes.number(Math.sqrt(sq));
    }

    private static Set<Var> needed(List<Var> order, Set<Var> targets) {
        Set<Var> needed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Var v : order) {
            boolean need = targets.contains(v);
            for (int i = 0; i < v.inputs.length && !need; i++) {
                need = needed.contains(v.inputs[i]);
            }
            if (need && v.requiresGrad()) {
                needed.add(v);
            }
        }
        return needed;
    }
}
