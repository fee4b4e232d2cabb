package io.github.jgrad.autodiff;

import java.io.IOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A picture of the graph recorded behind one or more {@link Var}s, as Graphviz DOT text or,
 * through Graphviz's {@code dot} program, as an SVG or PNG file.
 *
 * <pre>{@code
 * Var x = Var.leaf(Tensor.scalar(2.0, DType.F64));
 * Var y = x.mul(x).mul(x);
 * String dot = GraphPicture.of(y).name(x, "x").withValues().toDot();
 * GraphPicture.of(y).name(x, "x").render(Path.of("y.svg"));
 * }</pre>
 *
 * <p>What is drawn: each operation as a box with its op name and output shape (and, with
 * {@link #withValues()}, the values of tensors of at most {@link #maxShownElements} elements and
 * the accumulated gradient of leaves); leaves that take a gradient as yellow ellipses (named
 * ones, such as a module's parameters, with a double border); constants as small grey notes;
 * the outputs with a bold border. Operations that a backward pass with {@code createGraph=true}
 * recorded (the graph of a gradient, which a gradient penalty differentiates again) are orange
 * instead of blue. Arrows point the way values flow, from inputs to the operation using them.
 *
 * <p>A graph of more than {@link #maxNodes} values (a real network on a real batch has
 * thousands) is not drawn value by value but summarised: one box per layer and pass listing how
 * many operations of each kind it holds, with arrows counting the edges between boxes.
 */
public final class GraphPicture {
    private final List<Var> outputs;
    private final Map<Var, String> names = new IdentityHashMap<>();
    private final Map<Var, Boolean> parameters = new IdentityHashMap<>();
    private boolean values;
    private int maxShownElements = 6;
    private int maxNodes = 300;

    private GraphPicture(List<Var> outputs) {
        this.outputs = outputs;
    }

    /** The graph behind {@code outputs} (all values they were computed from). */
    public static GraphPicture of(Var... outputs) {
        Objects.requireNonNull(outputs, "outputs");
        if (outputs.length == 0) {
            throw new IllegalArgumentException("GraphPicture: no outputs given");
        }
        for (int i = 0; i < outputs.length; i++) {
            Objects.requireNonNull(outputs[i], "outputs[" + i + "]");
        }
        return new GraphPicture(List.of(outputs));
    }

    /** Labels {@code v} with {@code name}. */
    public GraphPicture name(Var v, String name) {
        names.put(Objects.requireNonNull(v, "v"), Objects.requireNonNull(name, "name"));
        return this;
    }

    /** Labels every value of the map with its name. */
    public GraphPicture names(Map<Var, String> named) {
        Objects.requireNonNull(named, "named").forEach(this::name);
        return this;
    }

    /**
     * Labels the leaves of the map with their names and draws them as parameters (a module's
     * trainable tensors, for example from {@code ParameterNames.of(module)} in jgrad-nn). In a
     * graph too large to draw node by node, the part of a name before its last dot ({@code "0"}
     * of {@code "0.weight"}) is the layer the summary groups by.
     */
    public GraphPicture parameters(Map<Var, String> named) {
        Objects.requireNonNull(named, "named").forEach((v, n) -> {
            name(v, n);
            parameters.put(v, Boolean.TRUE);
        });
        return this;
    }

    /** Shows the values, and leaves' accumulated gradients, of tensors that are small enough. */
    public GraphPicture withValues() {
        this.values = true;
        return this;
    }

    /** Largest tensor (in elements) whose values are shown; 6 by default. */
    public GraphPicture maxShownElements(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("GraphPicture: maxShownElements must be >= 0, got " + n);
        }
        this.maxShownElements = n;
        return this;
    }

    /** Largest graph drawn value by value; a larger one is summarised per layer. 300 by default. */
    public GraphPicture maxNodes(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("GraphPicture: maxNodes must be >= 1, got " + n);
        }
        this.maxNodes = n;
        return this;
    }

    /** The picture as Graphviz DOT text. */
    public String toDot() {
        GraphNodes nodes = GraphNodes.of(outputs, names);
        if (nodes.order.size() > maxNodes) {
            return GraphSummary.toDot(nodes, names);
        }
        StringBuilder dot = new StringBuilder();
        dot.append("digraph jgrad {\n");
        dot.append("  rankdir=TB;\n");
        dot.append("  node [fontname=\"Helvetica\", fontsize=11, style=filled];\n");
        dot.append("  edge [color=\"#555555\", arrowsize=0.7];\n");
        Map<Var, Boolean> isOutput = new IdentityHashMap<>();
        outputs.forEach(o -> isOutput.put(o, Boolean.TRUE));
        for (Var v : nodes.order) {
            dot.append("  ").append(id(nodes, v)).append(" [").append(attributes(nodes, v, isOutput.containsKey(v)))
                    .append("];\n");
        }
        for (Var v : nodes.order) {
            for (Var in : v.inputs) {
                dot.append("  ").append(id(nodes, in)).append(" -> ").append(id(nodes, v)).append(";\n");
            }
        }
        legend(dot, nodes);
        dot.append("}\n");
        return dot.toString();
    }

    /**
     * Writes the picture to {@code file} in the format its extension names ({@code .svg},
     * {@code .png} or {@code .pdf}) with Graphviz's {@code dot} program (found on the
     * {@code PATH}, or given by the system property {@code jgrad.dot}).
     *
     * @throws IllegalStateException when {@code dot} is not installed, saying how to install it
     * @throws IOException when the file cannot be written
     */
    public void render(Path file) throws IOException {
        GraphvizDot.render(toDot(), file);
    }

    private static String id(GraphNodes nodes, Var v) {
        return "\"" + escape(nodes.name(v)) + "\"";
    }

    private String attributes(GraphNodes nodes, Var v, boolean output) {
        String name = nodes.name(v);
        StringBuilder label = new StringBuilder();
        String style;
        if (v.isLeaf()) {
            boolean parameter = parameters.containsKey(v);
            String shown = values ? GraphNodes.values(v.value(), maxShownElements) : null;
            if (!v.requiresGrad()) {
                String given = names.get(v);
                String what = shown != null ? shown : "const " + GraphNodes.shape(v.value());
                label.append(given != null ? given + " = " + what : what);
                style = "shape=note, fillcolor=\"#eeeeee\", fontcolor=\"#444444\", fontsize=9";
            } else {
                label.append(name).append("\\n").append(GraphNodes.shape(v.value()));
                appendValue(label, "value", shown);
                if (values && v.grad() != null) {
                    appendValue(label, "grad", GraphNodes.values(v.grad(), maxShownElements));
                }
                style = parameter ? "shape=box, peripheries=2, fillcolor=\"#ffe08a\""
                        : "shape=ellipse, fillcolor=\"#fff3b0\"";
            }
        } else {
            label.append(name).append(" = ").append(v.op.label()).append("\\n").append(GraphNodes.shape(v.value()));
            if (values) {
                appendValue(label, "value", GraphNodes.values(v.value(), maxShownElements));
            }
            style = v.recordedByBackward ? "shape=box, style=\"rounded,filled\", fillcolor=\"#ffc48a\""
                    : "shape=box, style=\"rounded,filled\", fillcolor=\"#cfe0ff\"";
        }
        return "label=\"" + escape(label.toString()) + "\", " + style + (output ? ", penwidth=2.5" : "");
    }

    private static void appendValue(StringBuilder label, String what, String shown) {
        if (shown != null) {
            label.append("\\n").append(what).append(' ').append(shown);
        }
    }

    /** A key in the corner, only for the kinds of node the picture actually has. */
    private void legend(StringBuilder dot, GraphNodes nodes) {
        boolean leaf = false;
        boolean parameter = false;
        boolean constant = false;
        boolean forward = false;
        boolean backward = false;
        for (Var v : nodes.order) {
            if (v.isLeaf()) {
                parameter |= parameters.containsKey(v);
                leaf |= v.requiresGrad() && !parameters.containsKey(v);
                constant |= !v.requiresGrad();
            } else {
                backward |= v.recordedByBackward;
                forward |= !v.recordedByBackward;
            }
        }
        dot.append("  subgraph cluster_key { label=\"key\"; fontsize=10; color=\"#bbbbbb\";\n");
        if (leaf) {
            dot.append("    key_leaf [label=\"leaf\", shape=ellipse, fillcolor=\"#fff3b0\", fontsize=9];\n");
        }
        if (constant) {
            dot.append("    key_const [label=\"constant\", shape=note, fillcolor=\"#eeeeee\", fontsize=9];\n");
        }
        if (parameter) {
            dot.append("    key_param [label=\"parameter\", shape=box, peripheries=2, fillcolor=\"#ffe08a\", fontsize=9];\n");
        }
        if (forward) {
            dot.append("    key_fwd [label=\"forward op\", shape=box, style=\"rounded,filled\", fillcolor=\"#cfe0ff\", fontsize=9];\n");
        }
        if (backward) {
            dot.append("    key_bwd [label=\"op recorded by a\\nbackward pass\\n(createGraph)\", shape=box, style=\"rounded,filled\", fillcolor=\"#ffc48a\", fontsize=9];\n");
        }
        dot.append("  }\n");
    }

    static String escape(String s) {
        return s.replace("\"", "\\\"");
    }

    /** The same as {@link #toDot()}. */
    @Override
    public String toString() {
        return toDot();
    }
}
