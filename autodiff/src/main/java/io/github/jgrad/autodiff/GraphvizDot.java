package io.github.jgrad.autodiff;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs Graphviz's {@code dot} program to turn DOT text into a picture. Graphviz lays graphs out
 * better than anything a small library could carry, and calling the installed program keeps
 * autodiff free of rendering dependencies; when it is missing, the error says how to get it.
 */
final class GraphvizDot {
    private static final List<String> FORMATS = List.of("svg", "png", "pdf");

    private GraphvizDot() {
    }

    static void render(String dot, Path file) throws IOException {
        java.util.Objects.requireNonNull(file, "file");
        String name = file.getFileName().toString();
        String format = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("GraphPicture.render: " + file
                    + " must end in .svg, .png or .pdf (the format is taken from the extension)");
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Written beside the target and moved over it, so a failed run leaves no half-written file.
        // Not Files.createTempFile, whose owner-only mode the picture would keep after the move.
        Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            run(dot, format, tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void run(String dot, String format, Path out) throws IOException {
        String program = System.getProperty("jgrad.dot", "dot");
        Process p;
        try {
            p = new ProcessBuilder(program, "-T" + format, "-o", out.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("GraphPicture.render: Graphviz's '" + program + "' program was not found."
                    + " Install Graphviz (Debian/Ubuntu: apt-get install graphviz; Fedora: dnf install graphviz;"
                    + " macOS: brew install graphviz; Windows: winget install graphviz) or point -Djgrad.dot at it;"
                    + " or paste the text of toDot() into an online Graphviz viewer", e);
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write(dot.getBytes(StandardCharsets.UTF_8));
        }
        String messages = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("GraphPicture.render: dot took over 120 s; draw a smaller graph or lower maxNodes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("GraphPicture.render: interrupted while dot was running", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("GraphPicture.render: dot failed (exit " + p.exitValue() + "): " + messages);
        }
    }
}
