package io.github.jgrad.wgan.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.Module;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.examples.EarthMover;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every lesson in {@code lessons/} through JShell, as {@code jshell --class-path
 * wgan-examples/target/jgrad.jar lessons/NN-name.jsh} does, and checks the numbers it prints
 * against closed forms worked out here, so that a lesson cannot silently go wrong.
 */
class LessonsTest {
    private static final Path LESSONS = Path.of("..", "lessons");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE]-?\\d+)?");

    @TempDir
    Path out;

    @Test
    void everyLessonInTheFolderIsCheckedHere() throws Exception {
        List<String> names;
        try (Stream<Path> files = Files.list(LESSONS)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsh")).sorted().toList();
        }
        assertEquals(List.of("01-scalars-to-tensors.jsh", "02-chain-rule.jsh", "03-gradient-of-a-gradient.jsh",
                "04-wasserstein-critic.jsh", "05-weight-clipping.jsh", "06-gradient-penalty.jsh"), names);
    }

    @Test
    void lesson1ScalarsToTensors() throws Exception {
        String text = run("01-scalars-to-tensors.jsh");
        assertEquals(15, after(text, "y = "), 0);
        assertEquals(8, after(text, "dy/dx = "), 0);          // 2x + 2 at x = 3
        assertEquals(8, after(text, "out = "), 0);
        assertTrue(text.contains("d out / d w = [-4.0, 0.0, 4.0, -4.0, 0.0, 4.0]"), text);
        assertTrue(text.contains("digraph jgrad {"), text);
    }

    @Test
    void lesson2ChainRule() throws Exception {
        String text = run("02-chain-rule.jsh");
        double dydu = 1 - Math.pow(Math.tanh(0.75), 2);
        for (String who : List.of("by hand: ", "engine:  ")) {
            String l = line(text, who);
            assertEquals(dydu * 0.5, after(l, "dy/dw = "), 1e-6, l);
            assertEquals(dydu * 2, after(l, "dy/dx = "), 1e-6, l);
            assertEquals(dydu, after(l, "dy/db = "), 1e-6, l);
        }
        assertTrue(text.contains("rule:        dx = g * (1 - out^2)"), text);
        assertEquals(1, after(text, "  dz/dx = "), 0);         // 2x at x = 0.5
    }

    @Test
    void lesson3GradientOfAGradient() throws Exception {
        String text = run("03-gradient-of-a-gradient.jsh");
        assertEquals(12, after(text, "dy/dx = "), 0);           // 3x^2 at x = 2
        assertEquals(12, after(text, "d2y/dx2 = "), 0);         // 6x
        assertEquals(6, after(text, "d3y/dx3 = "), 0);
        assertEquals(12, after(text, "  ddy/dx = "), 0);        // the explained second pass
        double e = Math.exp(0.25);
        assertEquals(2 * 0.5 * e, after(text, "f'(0.5) = "), 1e-6);
        assertEquals((2 + 4 * 0.25) * e, after(text, "f''(0.5) = "), 1e-6);
    }

    @Test
    void lesson4UnconstrainedCriticRunsAway() throws Exception {
        String text = run("04-wasserstein-critic.jsh");
        assertEquals(1.3, after(text, "exact W1 = "), 1e-4);
        assertEquals(1.3, after(text, "for the optimal 1-Lipschitz critic = "), 1e-4);
        String l = line(text, "unconstrained critic gap after 0, 100, 200, 300 steps: ");
        double[] gaps = numbers(l.substring(l.indexOf(": ")));
        assertEquals(4, gaps.length, l);
        assertTrue(gaps[1] > gaps[0] && gaps[2] > gaps[1] && gaps[3] > gaps[2], l);
        assertTrue(gaps[3] > 10 * 1.3, l);
        assertTrue(after(text, "largest |f'(x)| on [0, 5] = ") > 10, text);
    }

    @Test
    void lesson5ClippedCriticStaysBelowItsBound() throws Exception {
        String text = run("05-weight-clipping.jsh");
        double gap = after(text, "clipped critic gap after 300 steps = ");
        double slope = after(text, "largest |f'(x)| on [0, 5] = ");
        double atBounds = after(text, "fraction of weights at +-c = ");
        // 32 hidden units with weights in [-0.1, 0.1]: slope at most 32 * 0.1 * 0.1; and a critic
        // whose slope is at most L has a gap of at most L * W1 (W1 = 1.3).
        assertTrue(slope <= 32 * 0.1 * 0.1 + 1e-9 && slope > 0, "slope " + slope);
        assertTrue(gap > 0 && gap <= slope * 1.3 + 1e-4, "gap " + gap + " slope " + slope);
        assertTrue(atBounds > 0.2 && atBounds <= 1, "fraction " + atBounds);
    }

    @Test
    void lesson6GradientPenalty() throws Exception {
        String text = run("06-gradient-penalty.jsh");
        assertTrue(text.contains("grad_x D = [0.5, 2.5, 0.5, 2.5]"), text);
        double n = Math.sqrt(6.5);
        assertEquals((n - 1) * (n - 1), after(text, "penalty = "), 1e-6);
        // P(a) = (|[a - 1, 2a - 0.5]| - 1)^2 with a = w2[0] = 1.5: dP/da = 2 (n - 1) (a - 1 + 2 (2a - 0.5)) / n.
        assertEquals(2 * (n - 1) * (0.5 + 2 * 2.5) / n, after(text, "dP/dw2[0] = "), 1e-6);
        assertTrue(text.contains("dP/db1 = [0, 0]  (not in this graph)"), text);
        assertEquals(1.3, after(text, "critic estimate (one-sided penalty, lambda 50) = "), 0.05 * 1.3);
    }

    /** Runs a lesson in-process, snippet by snippet, failing on any rejected snippet or exception. */
    private String run(String lesson) throws Exception {
        String source = Files.readString(LESSONS.resolve(lesson), StandardCharsets.UTF_8);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        PrintStream stdout = System.out;
        String before = System.getProperty("lessons.out");
        System.setProperty("lessons.out", out.toString());
        System.setOut(capture);
        List<String> problems = new ArrayList<>();
        try (JShell shell = JShell.builder().executionEngine("local").out(capture).err(capture).build()) {
            for (Class<?> c : List.of(Tensor.class, Var.class, Module.class, EarthMover.class)) {
                shell.addToClasspath(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            }
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            String remaining = source;
            while (!remaining.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                if (!info.completeness().isComplete()) {
                    problems.add("incomplete snippet: " + remaining.strip());
                    break;
                }
                for (SnippetEvent event : shell.eval(info.source())) {
                    if (event.status() == Snippet.Status.REJECTED) {
                        StringBuilder why = new StringBuilder("rejected: " + event.snippet().source());
                        shell.diagnostics(event.snippet()).forEach(d -> why.append("\n  ").append(d.getMessage(null)));
                        problems.add(why.toString());
                    }
                    if (event.exception() != null) {
                        problems.add("threw " + event.exception() + " in: " + event.snippet().source());
                    }
                }
                remaining = info.remaining();
            }
        } finally {
            System.setOut(stdout);
            if (before == null) {
                System.clearProperty("lessons.out");
            } else {
                System.setProperty("lessons.out", before);
            }
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        if (!problems.isEmpty()) {
            fail(lesson + ":\n" + String.join("\n", problems) + "\n--- printed:\n" + text);
        }
        return text;
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + text));
    }

    /** The number printed right after the first occurrence of {@code label}. */
    private static double after(String text, String label) {
        int at = text.indexOf(label);
        if (at < 0) {
            throw new AssertionError("'" + label + "' not printed:\n" + text);
        }
        Matcher m = NUMBER.matcher(text);
        if (!m.find(at + label.length()) || m.start() != at + label.length()) {
            throw new AssertionError("no number right after '" + label + "' in:\n" + text);
        }
        return Double.parseDouble(m.group());
    }

    private static double[] numbers(String line) {
        Matcher m = NUMBER.matcher(line);
        List<Double> found = new ArrayList<>();
        while (m.find()) {
            found.add(Double.parseDouble(m.group()));
        }
        return found.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
