/**
 * Sample-quality metrics for the WGAN examples: modes covered and high-quality share on the
 * toy mixtures ({@link io.github.jgrad.wgan.metrics.ModeCoverage}), the sliced Wasserstein
 * distance with its real-vs-real floor ({@link io.github.jgrad.wgan.metrics.SlicedWasserstein}),
 * and class-histogram scores from a classifier's probabilities on MNIST
 * ({@link io.github.jgrad.wgan.metrics.ClassHistogramMetrics}).
 */
package io.github.jgrad.wgan.metrics;
