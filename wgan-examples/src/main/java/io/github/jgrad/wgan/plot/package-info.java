/**
 * PNG figures for the WGAN examples: critic value maps with contours and samples
 * ({@link io.github.jgrad.wgan.plot.CriticMap}), training curves
 * ({@link io.github.jgrad.wgan.plot.Curves}), histograms with a reference marker
 * ({@link io.github.jgrad.wgan.plot.Histogram}), grids of generated digits
 * ({@link io.github.jgrad.wgan.plot.ImageGrid}) and captioned compositions of existing figures
 * ({@link io.github.jgrad.wgan.plot.SideBySide}).
 *
 * <p>Every writer renders off screen (headless), creates missing parent folders and replaces its
 * target atomically: the PNG is written to a temporary file in the same folder and then moved
 * over the target, so a reader never sees a half-written image and a failed write never destroys
 * the previous good one.
 */
package io.github.jgrad.wgan.plot;
