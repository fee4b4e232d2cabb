package io.github.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "train a critic" example, compiled and run as written, so it never drifts from
 * the library: its imports (the wildcard import of this package among them) must compile, and
 * the critic it trains must estimate the Wasserstein distance between its two Gaussians.
 */
class ReadmeExampleTest {
    private static final Path README = Path.of("..", "README.md");

    /** The README's java block that builds a gradient penalty. */
    private static String criticExample() throws IOException {
        Matcher blocks = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(README, StandardCharsets.UTF_8));
        List<String> found = new ArrayList<>();
        while (blocks.find()) {
            if (blocks.group(1).contains("new GradientPenalty(")) {
                found.add(blocks.group(1));
            }
        }
        assertEquals(1, found.size(), "one README example trains a critic");
        return found.get(0);
    }

    @Test
    void theReadmeCriticExampleCompilesAndEstimatesTheWassersteinDistance(@TempDir Path dir) throws Exception {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : criticExample().split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        assertTrue(imports.toString().contains("import io.github.jgrad.nn.*;"), "the example uses the wildcard import");
        String source = imports + "public class ReadmeCritic {\n public static double run() {\n" + body
                + " return gap;\n }\n}\n";
        Path file = dir.resolve("ReadmeCritic.java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int status = javac.run(null, null, null, "-proc:none", "-cp", classPath, "-d", dir.toString(), file.toString());
        assertEquals(0, status, "the README example does not compile:\n" + source);

        double gap;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            gap = (double) loader.loadClass("ReadmeCritic").getMethod("run").invoke(null);
        }
        // W1 between N((2,2), 0.25 I) and N(0, I) lies between the distance of the means, 2.83, and
        // W2 = sqrt(8 + 2 * 0.5^2) = 2.92; a penalised critic's estimate from batches of 64 lands near it.
        assertTrue(Math.abs(gap - 2.9) < 1.0, "critic gap " + gap);
    }
}
