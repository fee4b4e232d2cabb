/**
 * Training data for the WGAN examples, each behind {@link io.github.jgrad.wgan.data.DataSource}
 * (a name, a sample shape and a seeded draw), so trainers and metrics treat them alike: the 2-D
 * toy sets of the WGAN-GP paper's code ({@link io.github.jgrad.wgan.data.ToyData}) and the MNIST
 * digits read from IDX files ({@link io.github.jgrad.wgan.data.Mnist}).
 * {@link io.github.jgrad.wgan.data.DataSources} opens one from its command-line name.
 */
package io.github.jgrad.wgan.data;
