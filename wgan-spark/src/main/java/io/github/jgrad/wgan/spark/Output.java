package io.github.jgrad.wgan.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Where a sweep writes: a local folder (a plain path or a {@code file:} URI, shared by the driver
 * and every executor), or a folder on any Hadoop-compatible file system ({@code hdfs://},
 * {@code s3a://}, ...), reached through Hadoop's {@link FileSystem} with the {@code spark.hadoop.*}
 * settings of the sweep. Runs on a Hadoop file system train in a local folder of their executor
 * and are copied there as they checkpoint ({@link StagedRunFolder}).
 *
 * @param location the local folder's absolute path, or the URI of the Hadoop folder
 * @param hadoop Hadoop settings (the {@code spark.hadoop.} prefix removed), for a Hadoop folder
 */
public record Output(String location, Map<String, String> hadoop) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    /** Copies the settings. */
    public Output {
        hadoop = new LinkedHashMap<>(hadoop);
    }

    /**
     * The output named on the command line: a path, a {@code file:} URI or a Hadoop URI.
     *
     * @param sparkConf the sweep's Spark settings, whose {@code spark.hadoop.*} entries configure Hadoop
     * @throws IllegalArgumentException if it is not a valid URI
     */
    public static Output of(String given, Map<String, String> sparkConf) {
        Map<String, String> hadoop = new LinkedHashMap<>();
        sparkConf.forEach((k, v) -> {
            if (k.startsWith("spark.hadoop.")) {
                hadoop.put(k.substring("spark.hadoop.".length()), v);
            }
        });
        if (!SCHEME.matcher(given).matches()) {
            return new Output(Path.of(given).toAbsolutePath().normalize().toString(), hadoop);
        }
        URI uri;
        try {
            uri = new URI(given);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("--out " + given + ": not a path or URI (" + e.getReason() + ")");
        }
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            return new Output(Path.of(uri).toAbsolutePath().normalize().toString(), hadoop);
        }
        String s = given.endsWith("/") ? given.substring(0, given.length() - 1) : given;
        return new Output(s, hadoop);
    }

    /** Whether this is a local folder that runs write directly. */
    public boolean isLocal() {
        return !SCHEME.matcher(location).matches();
    }

    /** The local folder; only for a local output. */
    public Path local() {
        if (!isLocal()) {
            throw new IllegalStateException(location + " is not a local folder");
        }
        return Path.of(location);
    }

    /** The Hadoop path of {@code relative} under the output. */
    org.apache.hadoop.fs.Path hadoopPath(String relative) {
        return relative.isEmpty() ? new org.apache.hadoop.fs.Path(location)
                : new org.apache.hadoop.fs.Path(location + "/" + relative);
    }

    /** The Hadoop file system holding the output. */
    FileSystem fileSystem() throws IOException {
        Configuration conf = new Configuration();
        hadoop.forEach(conf::set);
        return FileSystem.get(URI.create(location), conf);
    }

    /** A local file's copy of the output's {@code relative} file, in {@code into}; false if there is none. */
    boolean download(String relative, Path into) throws IOException {
        FileSystem fs = fileSystem();
        org.apache.hadoop.fs.Path src = hadoopPath(relative);
        if (!fs.exists(src)) {
            return false;
        }
        Files.createDirectories(into.toAbsolutePath().getParent());
        fs.copyToLocalFile(false, src, new org.apache.hadoop.fs.Path(into.toUri()), true);
        return true;
    }

    /**
     * Copies a local file to the output's {@code relative} file: to a temporary name beside it
     * first, then renamed over it, so a reader never sees half a file.
     */
    void upload(Path file, String relative) throws IOException {
        FileSystem fs = fileSystem();
        org.apache.hadoop.fs.Path dst = hadoopPath(relative);
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(dst.getParent(), "." + dst.getName() + ".upload");
        fs.mkdirs(dst.getParent());
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(file.toUri()), tmp);
        // Hadoop's rename does not replace a file on every file system: remove the old one first.
        fs.delete(dst, false);
        if (!fs.rename(tmp, dst)) {
            throw new IOException("cannot rename " + tmp + " to " + dst);
        }
    }

    @Override
    public String toString() {
        return location;
    }
}
