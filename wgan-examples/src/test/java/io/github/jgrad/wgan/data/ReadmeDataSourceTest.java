package io.github.jgrad.wgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.Tensor;
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
 * The README's "source of your own" example, compiled and run as written (with fewer
 * iterations), so it never drifts from the library: its source must draw points on the unit
 * circle, and the run must give 1000 finite generated points of two coordinates.
 */
class ReadmeDataSourceTest {
    private static final Path README = Path.of("..", "README.md");
    private static final String IMPORTS = "import io.github.jgrad.tensor.*;\n"
            + "import io.github.jgrad.wgan.data.DataSource;\n"
            + "import io.github.jgrad.wgan.train.*;\n";

    /** The README's java block that builds a data source. */
    private static String example() throws IOException {
        Matcher blocks = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(README, StandardCharsets.UTF_8));
        List<String> found = new ArrayList<>();
        while (blocks.find()) {
            if (blocks.group(1).contains("DataSource.of(")) {
                found.add(blocks.group(1));
            }
        }
        assertEquals(1, found.size(), "one README example builds a data source");
        return found.get(0);
    }

    @Test
    void theReadmeDataSourceExampleCompilesDrawsTheCircleAndTrains(@TempDir Path dir) throws Exception {
        String body = example();
        assertTrue(body.contains(".withIterations(2000)"), "the example's iteration count moved");
        // A few iterations show that the example runs; its 2000 would take a minute.
        body = body.replace(".withIterations(2000)", ".withIterations(3)");
        String source = IMPORTS + "public class ReadmeRing {\n public static Object[] run() throws Exception {\n" + body
                + " return new Object[] {ring.sample(500, new Rng(3)), synthetic};\n }\n}\n";
        Path file = dir.resolve("ReadmeRing.java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int status = javac.run(null, null, null, "-proc:none", "-cp", classPath, "-d", dir.toString(), file.toString());
        assertEquals(0, status, "the README example does not compile:\n" + source);

        Object[] results;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            results = (Object[]) loader.loadClass("ReadmeRing").getMethod("run").invoke(null);
        }
        Tensor drawn = (Tensor) results[0];
        assertArrayEquals(new int[] {500, 2}, drawn.shape().toArray());
        for (int i = 0; i < 500; i++) {
            double x = drawn.getDouble(2 * i);
            double y = drawn.getDouble(2 * i + 1);
            assertEquals(1.0, Math.hypot(x, y), 1e-6, "point " + i + " is off the unit circle");
        }
        Tensor synthetic = (Tensor) results[1];
        assertArrayEquals(new int[] {1000, 2}, synthetic.shape().toArray());
        for (int i = 0; i < synthetic.size(); i++) {
            assertTrue(Double.isFinite(synthetic.getDouble(i)), "generated value " + i);
        }
    }
}
