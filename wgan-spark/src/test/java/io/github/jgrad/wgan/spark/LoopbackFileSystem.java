package io.github.jgrad.wgan.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A Hadoop file system under its own scheme, {@code jgradtest:}, that stores its files on the
 * local disk: what a sweep sees of HDFS or S3 (a URI it reaches only through Hadoop's API), with
 * files a test can read directly. Registered with
 * {@code spark.hadoop.fs.jgradtest.impl=io.github.jgrad.wgan.spark.LoopbackFileSystem}.
 */
public final class LoopbackFileSystem extends RawLocalFileSystem {
    /** The scheme. */
    public static final String SCHEME = "jgradtest";

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }
}
