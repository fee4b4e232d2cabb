/**
 * Training data for the WGAN examples: the 2-D toy sets of the WGAN-GP paper's code
 * ({@link io.github.jgrad.wgan.data.ToyData}) and the MNIST digits read from IDX files
 * ({@link io.github.jgrad.wgan.data.Mnist}). Both draw batches through
 * {@link io.github.jgrad.wgan.data.Sampler}, so trainers and metrics treat them alike.
 */
package io.github.jgrad.wgan.data;
