package io.github.jgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphPictureTest {
    private static final Pattern NODE = Pattern.compile("^  \"([^\"]+)\" \\[label=\"([^\"]*)\", (.*)\\];$", Pattern.MULTILINE);
    private static final Pattern EDGE = Pattern.compile("^  \"([^\"]+)\" -> \"([^\"]+)\";$", Pattern.MULTILINE);

    private static long count(Pattern p, String dot) {
        return p.matcher(dot).results().count();
    }

    private static String nodeLine(String dot, String name) {
        Matcher m = NODE.matcher(dot);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(0);
            }
        }
        throw new AssertionError("no node " + name + " in\n" + dot);
    }

    @Test
    void cubeGraphHasOneNodePerValueAndOneEdgePerInputWithValuesAndGradient() {
        Var x = Var.leaf(Tensor.scalar(2.0, DType.F64));
        Var y = x.mul(x).mul(x);
        y.backward(Tensor.scalar(1.0, DType.F64), true);
        String dot = GraphPicture.of(y).name(x, "x").name(y, "y").withValues().toDot();
        // x, t1 = x*x, y = t1*x: three values, four edges (x feeds the first product twice).
        assertEquals(3, count(NODE, dot));
        assertEquals(4, count(EDGE, dot));
        assertTrue(nodeLine(dot, "x").contains("value 2\\ngrad 12"), dot);
        assertTrue(nodeLine(dot, "t1").contains("t1 = mul\\nscalar\\nvalue 4"), dot);
        assertTrue(nodeLine(dot, "y").contains("value 8") && nodeLine(dot, "y").contains("penwidth"), dot);
        assertFalse(dot.contains("#ffc48a"), "no backward-recorded node in a plain forward graph");
        // The key lists only what is drawn: a named leaf and forward ops, no parameter or constant.
        assertTrue(dot.contains("key_leaf") && dot.contains("key_fwd"), dot);
        assertFalse(dot.contains("key_param") || dot.contains("key_const") || dot.contains("key_bwd"), dot);
    }

    @Test
    void nodesRecordedByACreateGraphBackwardAreColouredAndTheOthersAreNot() {
        Var x = Var.leaf(Tensor.scalar(2.0, DType.F64));
        Var y = x.mul(x).mul(x);
        Var dy = Grad.grad(y, x, true);
        String dot = GraphPicture.of(dy).name(x, "x").toDot();
        Matcher m = NODE.matcher(dot);
        int backward = 0;
        int forward = 0;
        while (m.find()) {
            if (m.group(3).contains("#ffc48a")) {
                backward++;
            } else if (m.group(3).contains("#cfe0ff")) {
                forward++;
            }
        }
        // dy = (1*t1 + (1*x)*x) + (1*x)*x: five products and sums made by the backward pass
        // (g*x, g*t1, (g*x)*x twice, two sums), and the forward t1 = x*x they read.
        assertEquals(1, forward, dot);
        assertEquals(6, backward, dot);
        // Without createGraph the gradient is a constant: a one-node picture.
        Var y2 = x.mul(x).mul(x);
        Var dyConst = Grad.grad(y2, x, false);
        assertEquals(1, count(NODE, GraphPicture.of(dyConst).toDot()));
    }

    @Test
    void parametersAreBoxedConstantsShowTheirValueAndLargeTensorsOnlyTheirShape() {
        Var w = Var.leaf(Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4));
        Var xIn = Var.leaf(Tensor.of(new double[] {1, 1, 1, 1}, 1, 4));
        Var out = xIn.matmul(w, false, true).mul(3.0).sum();
        String dot = GraphPicture.of(out).parameters(Map.of(w, "0.weight")).withValues().toDot();
        assertTrue(dot.contains("key_param") && dot.contains("key_const") && !dot.contains("key_bwd"), dot);
        String wLine = nodeLine(dot, "0.weight");
        assertTrue(wLine.contains("peripheries=2") && wLine.contains("[2, 4]"), wLine);
        assertFalse(wLine.contains("value"), "8 elements are more than the 6 shown by default: " + wLine);
        assertTrue(nodeLine(dot, "x1").contains("value [[1, 1, 1, 1]]"), dot);
        assertTrue(nodeLine(dot, "c1").contains("label=\"3\"") && nodeLine(dot, "c1").contains("shape=note"), dot);
        // The product x w^T = [10, 26]; times 3, summed: 108.
        assertTrue(nodeLine(dot, "t1").contains("value [[10, 26]]"), dot);
        assertTrue(nodeLine(dot, "t3").contains("value 108"), dot);
    }

    @Test
    void aGraphAboveTheLimitIsSummarisedPerLayerWithEdgeCounts() {
        Rng rng = new Rng(3);
        Var w0 = Var.leaf(rng.normal(DType.F64, Shape.of(4, 2), 0, 1));
        Var w1 = Var.leaf(rng.normal(DType.F64, Shape.of(1, 4), 0, 1));
        Var x = Var.leaf(rng.normal(DType.F64, Shape.of(5, 2), 0, 1));
        Var d = x.matmul(w0, false, true).tanh().matmul(w1, false, true).sum();
        Var g = Grad.grad(List.of(d), List.of(x), null, true, true, false).get(0);
        Var penalty = g.square().sum();
        GraphPicture picture = GraphPicture.of(penalty).parameters(Map.of(w0, "0.weight", w1, "2.weight"));
        String full = picture.toDot();
        long values = count(NODE, full);
        String summary = picture.maxNodes((int) values - 1).toDot();
        assertTrue(summary.contains(values + " values, summarised per layer"), summary);
        // The penalty reads layer 0's forward (matmul, tanh), whose tanh output the backward of
        // tanh reads once; layer 2's backward is x-gradient matmul and the product with tanh's
        // derivative (1 - out^2: square, neg, add, all in layer 0's backward with its matmul);
        // the penalty's square and sum come after the backward, in "other".
        assertTrue(summary.contains("[label=\"layer 0 (forward)\\n2 values\\n1 x matmul\\n1 x tanh\""), summary);
        assertTrue(summary.contains("[label=\"layer 2 (backward)\\n2 values\\n1 x matmul\\n1 x mul\""), summary);
        assertTrue(summary.contains(
                "[label=\"layer 0 (backward)\\n4 values\\n1 x add\\n1 x matmul\\n1 x neg\\n1 x pow_scalar\""), summary);
        assertTrue(summary.contains("[label=\"other (forward)\\n2 values\\n1 x pow_scalar\\n1 x sum\""), summary);
        assertTrue(summary.contains("\"layer 0 (forward)\" -> \"layer 0 (backward)\" [label=\"1\"]"), summary);
        assertTrue(summary.contains("\"layer 0 (backward)\" -> \"other (forward)\" [label=\"1\"]"), summary);
        assertFalse(summary.contains("layer 2 (forward)"), "d itself is not part of the penalty's graph");
        // Every value appears in exactly one group: the counts add up.
        int total = Pattern.compile("\\\\n(\\d+) values?\\\\n").matcher(summary).results()
                .mapToInt(r -> Integer.parseInt(r.group(1))).sum();
        assertEquals(values, total, summary);
    }

    @Test
    void withoutNamesALargeGraphIsSummarisedByDepth() {
        Var x = Var.leaf(Tensor.scalar(0.5, DType.F64));
        Var y = x;
        for (int i = 0; i < 100; i++) {
            y = y.tanh();
        }
        String summary = GraphPicture.of(y).maxNodes(50).toDot();
        assertTrue(summary.contains("101 values, summarised"), summary);
        assertTrue(summary.contains("\"depth 0-5 (forward)\"") && summary.contains("\"inputs\""), summary);
    }

    @Test
    void renderingWithoutGraphvizSaysHowToInstallItAndWritesNothing(@TempDir Path dir) {
        Var x = Var.leaf(Tensor.scalar(2.0, DType.F64));
        String before = System.getProperty("jgrad.dot");
        System.setProperty("jgrad.dot", dir.resolve("no-such-dot").toString());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> GraphPicture.of(x.exp()).render(dir.resolve("g.svg")));
            assertTrue(e.getMessage().contains("apt-get install graphviz") && e.getMessage().contains("toDot()"),
                    e.getMessage());
            assertFalse(Files.exists(dir.resolve("g.svg")));
            assertEquals(0, dir.toFile().list().length, "no temporary file left behind");
        } finally {
            if (before == null) {
                System.clearProperty("jgrad.dot");
            } else {
                System.setProperty("jgrad.dot", before);
            }
        }
    }

    @Test
    void anUnknownExtensionIsRefusedByName(@TempDir Path dir) {
        Var x = Var.leaf(Tensor.scalar(2.0, DType.F64));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphPicture.of(x.exp()).render(dir.resolve("g.gif")));
        assertTrue(e.getMessage().contains("g.gif") && e.getMessage().contains(".svg"), e.getMessage());
    }

    @Test
    void rendersAnSvgNamingEveryNodeWhenGraphvizIsInstalled(@TempDir Path dir) throws Exception {
        assumeTrue(dotInstalled(), "Graphviz's dot is not installed (.ci/run installs it)");
        Var x = Var.leaf(Tensor.scalar(2.0, DType.F64));
        Var dy = Grad.grad(x.mul(x).mul(x), x, true);
        Path svg = dir.resolve("sub/dy.svg");
        GraphPicture.of(dy).name(x, "x").render(svg);
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(text.contains("<svg"), text);
        for (String label : List.of("x", "t1 = mul", "t7 = add", "op recorded by a")) {
            assertTrue(text.contains(">" + label + "<"), label + " missing from the SVG");
        }
    }

    static boolean dotInstalled() {
        try {
            return new ProcessBuilder("dot", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
