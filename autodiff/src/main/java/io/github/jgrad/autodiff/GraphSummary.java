package io.github.jgrad.autodiff;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The picture of a graph too large to draw value by value: one box per layer and pass (forward,
 * or recorded by a backward pass) counting the operations of each kind in it, and one arrow per
 * pair of boxes that values flow between, labelled with how many edges it stands for.
 *
 * <p>A value belongs to the layer of a named value it uses directly (a parameter {@code
 * "0.weight"} puts it in layer {@code "0"}), otherwise to the layer of its first input that has
 * one; leaves and constants with no name form the group {@code "inputs"}. Without any names the
 * values are grouped by their depth in the graph instead, twenty bands deep.
 */
final class GraphSummary {
    private GraphSummary() {
    }

    static String toDot(GraphNodes nodes, Map<Var, String> names) {
        Map<Var, String> group = names.isEmpty() ? byDepth(nodes) : byLayer(nodes, names);
        Map<String, Map<String, Integer>> opsPerGroup = new LinkedHashMap<>();
        Map<String, Integer> edges = new TreeMap<>();
        for (Var v : nodes.order) {
            String g = group.get(v);
            String kind = v.isLeaf() ? (v.requiresGrad() ? "leaf" : "constant") : v.op.label();
            opsPerGroup.computeIfAbsent(g, k -> new TreeMap<>()).merge(kind, 1, Integer::sum);
            for (Var in : v.inputs) {
                String from = group.get(in);
                if (!from.equals(g)) {
                    edges.merge(quoted(from) + " -> " + quoted(g), 1, Integer::sum);
                }
            }
        }
        StringBuilder dot = new StringBuilder();
        dot.append("digraph jgrad {\n  rankdir=TB;\n");
        dot.append("  label=\"").append(nodes.order.size())
                .append(" values, summarised per layer (forward: blue, recorded by a backward pass: orange)\";\n");
        dot.append("  node [fontname=\"Helvetica\", fontsize=11, shape=box, style=\"rounded,filled\"];\n");
        for (Map.Entry<String, Map<String, Integer>> e : opsPerGroup.entrySet()) {
            StringBuilder label = new StringBuilder(e.getKey());
            int total = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            label.append("\\n").append(total).append(total == 1 ? " value" : " values");
            e.getValue().forEach((kind, n) -> label.append("\\n").append(n).append(" x ").append(kind));
            String colour = e.getKey().endsWith("(backward)") ? "#ffc48a"
                    : e.getKey().startsWith("inputs") || e.getKey().endsWith("parameters") ? "#fff3b0" : "#cfe0ff";
            dot.append("  ").append(quoted(e.getKey())).append(" [label=\"")
                    .append(GraphPicture.escape(label.toString())).append("\", fillcolor=\"").append(colour).append("\"];\n");
        }
        edges.forEach((edge, n) -> dot.append("  ").append(edge).append(" [label=\"").append(n).append("\"];\n"));
        dot.append("}\n");
        return dot.toString();
    }

    private static Map<Var, String> byLayer(GraphNodes nodes, Map<Var, String> names) {
        Map<Var, String> layer = new IdentityHashMap<>();
        Map<Var, String> group = new IdentityHashMap<>();
        for (Var v : nodes.order) {
            String l = null;
            String name = names.get(v);
            if (v.isLeaf()) {
                l = name == null ? null : prefix(name);
            } else {
                for (Var in : v.inputs) {
                    if (in.isLeaf() && names.containsKey(in)) {
                        l = layer.get(in);
                        break;
                    }
                }
                for (int i = 0; i < v.inputs.length && l == null; i++) {
                    // A forward value computed from a gradient (a penalty on it) is not part of
                    // any layer's backward pass: it inherits only from forward values.
                    if (v.recordedByBackward || !v.inputs[i].recordedByBackward) {
                        l = layer.get(v.inputs[i]);
                    }
                }
            }
            if (l != null) {
                layer.put(v, l);
            }
            String base = l == null ? (v.isLeaf() ? "inputs" : "other") : "layer " + l + (v.isLeaf() ? " parameters" : "");
            group.put(v, groupName(v, base));
        }
        return group;
    }

    private static Map<Var, String> byDepth(GraphNodes nodes) {
        Map<Var, Integer> depth = new IdentityHashMap<>();
        int deepest = 0;
        for (Var v : nodes.order) {
            int d = 0;
            for (Var in : v.inputs) {
                d = Math.max(d, depth.get(in) + 1);
            }
            depth.put(v, d);
            deepest = Math.max(deepest, d);
        }
        int band = Math.max(1, (deepest + 20) / 20);
        Map<Var, String> group = new IdentityHashMap<>();
        for (Var v : nodes.order) {
            int d = depth.get(v);
            String name = v.isLeaf() ? "inputs"
                    : "depth " + (d / band * band) + (band > 1 ? "-" + (d / band * band + band - 1) : "");
            group.put(v, groupName(v, name));
        }
        return group;
    }

    private static String groupName(Var v, String base) {
        if (v.isLeaf()) {
            return base;
        }
        return base + (v.recordedByBackward ? " (backward)" : " (forward)");
    }

    private static String prefix(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static String quoted(String s) {
        return "\"" + GraphPicture.escape(s) + "\"";
    }
}
