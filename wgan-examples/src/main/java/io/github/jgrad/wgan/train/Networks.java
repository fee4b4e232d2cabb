package io.github.jgrad.wgan.train;

import io.github.jgrad.nn.BatchNorm2d;
import io.github.jgrad.nn.Conv2d;
import io.github.jgrad.nn.ConvTranspose2d;
import io.github.jgrad.nn.Flatten;
import io.github.jgrad.nn.Init;
import io.github.jgrad.nn.LeakyReLU;
import io.github.jgrad.nn.Linear;
import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.ReLU;
import io.github.jgrad.nn.Reshape;
import io.github.jgrad.nn.ResidualBlock;
import io.github.jgrad.nn.Sequential;
import io.github.jgrad.nn.Tanh;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.wgan.data.TableSchema;

/**
 * The generator and critic architectures of REFERENCE.md. None of the critics uses batch
 * normalisation, which would couple the samples that a gradient penalty treats one by one.
 */
public final class Networks {
    private Networks() {
    }

    /**
     * The toy MLP of the WGAN-GP code: {@code in -> width -> width -> width -> out} with ReLU,
     * hidden layers He-uniform initialised, biases zero (as that code's layers start).
     */
    public static Module toyMlp(int in, int width, int out, Rng rng) {
        return toyMlp(in, width, out, NetworkInit.HE_UNIFORM, rng);
    }

    /**
     * The toy MLP with the given initialisation. He-uniform draws each hidden layer's weights
     * right after building it, as this class always has, so runs made before the choice existed
     * start from the same weights.
     */
    public static Module toyMlp(int in, int width, int out, NetworkInit init, Rng rng) {
        if (width < 1) {
            throw new IllegalArgumentException("toy MLP: width must be positive, got " + width);
        }
        if (init != NetworkInit.HE_UNIFORM) {
            return init.apply(new Sequential(new Linear(in, width, rng), new ReLU(), new Linear(width, width, rng),
                    new ReLU(), new Linear(width, width, rng), new ReLU(), new Linear(width, out, rng)), rng);
        }
        Linear l1 = heUniform(new Linear(in, width, rng), rng);
        Linear l2 = heUniform(new Linear(width, width, rng), rng);
        Linear l3 = heUniform(new Linear(width, width, rng), rng);
        Linear l4 = new Linear(width, out, rng);
        for (Linear l : new Linear[] {l1, l2, l3, l4}) {
            l.bias().value().fillInPlace(0.0);
        }
        return new Sequential(l1, new ReLU(), l2, new ReLU(), l3, new ReLU(), l4);
    }

    /**
     * How many weights and biases {@link #toyMlp} has, computed without building it (in double,
     * so that an absurd width cannot overflow).
     */
    public static double toyMlpParameterCount(int in, int width, int out) {
        double w = width;
        return (in * w + w) + 2 * (w * w + w) + (w * out + out);
    }

    private static Linear heUniform(Linear l, Rng rng) {
        l.weight().value().copyFromInPlace(Init.kaimingUniform(rng, DType.F32, l.weight().value().shape(), 0));
        return l;
    }

    /** Hidden width of the table MLPs for rows of {@code columns} encoded values: 4 per value, from 128 to 512. */
    public static int tableWidth(int columns) {
        return Math.max(128, Math.min(512, 4 * columns));
    }

    /** Noise dimension of a table generator: as many as the encoded values, at least 16. */
    public static int tableNoiseDim(int columns) {
        return Math.max(16, columns);
    }

    /**
     * A table generator: the toy MLP shape ({@code noise -> width x 3 -> columns}, ReLU) ending in a
     * {@link TableHead}, so categorical blocks come out as probabilities.
     */
    public static Module tableGenerator(int noiseDim, int width, TableSchema schema, NetworkInit init, Rng rng) {
        return new Sequential(toyMlp(noiseDim, width, schema.width(), init, rng), new TableHead(schema));
    }

    /** Stride-2 layers of the conv pair for {@code n x n} images: 3 from 64 (when n is a multiple of 8), else 2. */
    public static int convLayers(int n) {
        return n >= 64 && n % 8 == 0 ? 3 : 2;
    }

    /**
     * A DCGAN-style critic for {@code [channels, n, n]} images, {@code n} a multiple of 4: stride-2
     * Conv(4, 2, 1) layers of 64, 128 (and 256 from n = 64) channels with LeakyReLU(0.2), then one
     * linear output. For n = 28 and one channel it is the MNIST conv critic.
     */
    public static Module convCritic(int channels, int n, Rng rng) {
        int k = convLayers(n);
        java.util.List<Module> layers = new java.util.ArrayList<>();
        int in = channels;
        int out = 64;
        int side = n;
        for (int i = 0; i < k; i++) {
            layers.add(new Conv2d(in, out, 4, 2, 1, rng));
            layers.add(new LeakyReLU(0.2));
            in = out;
            out *= 2;
            side /= 2;
        }
        layers.add(new Flatten());
        layers.add(new Linear(in * side * side, 1, rng));
        return new Sequential(layers.toArray(new Module[0]));
    }

    /**
     * The matching generator: Linear(noise, C x s x s) - ReLU - stride-2 ConvT(4, 2, 1) layers
     * halving the channels with ReLU - a last ConvT to {@code channels} - Tanh, giving
     * {@code [channels, n, n]} in [-1, 1] (s = n / 4 or n / 8, C = 128 or 256).
     */
    public static Module convGenerator(int noiseDim, int channels, int n, Rng rng) {
        int k = convLayers(n);
        int side = n >> k;
        int ch = 64 << (k - 1);
        java.util.List<Module> layers = new java.util.ArrayList<>();
        layers.add(new Linear(noiseDim, ch * side * side, rng));
        layers.add(new ReLU());
        layers.add(new Reshape(ch, side, side));
        for (int i = 0; i < k - 1; i++) {
            layers.add(new ConvTranspose2d(ch, ch / 2, 4, 2, 1, rng));
            layers.add(new ReLU());
            ch /= 2;
        }
        layers.add(new ConvTranspose2d(ch, channels, 4, 2, 1, rng));
        layers.add(new Tanh());
        return new Sequential(layers.toArray(new Module[0]));
    }

    /** MNIST MLP critic: {@code 784 -> 512 -> 256 -> 1} with LeakyReLU(0.2); input {@code [N, 784]}. */
    public static Module mnistMlpCritic(Rng rng) {
        return new Sequential(new Linear(784, 512, rng), new LeakyReLU(0.2), new Linear(512, 256, rng),
                new LeakyReLU(0.2), new Linear(256, 1, rng));
    }

    /** MNIST MLP generator: {@code 128 -> 256 -> 512 -> 784} with ReLU and a tanh output in [-1, 1]. */
    public static Module mnistMlpGenerator(Rng rng) {
        return new Sequential(new Linear(128, 256, rng), new ReLU(), new Linear(256, 512, rng), new ReLU(),
                new Linear(512, 784, rng), new Tanh());
    }

    /**
     * The small convolutional critic of REFERENCE.md for {@code [N, 1, 28, 28]}:
     * Conv(1, 64, 4, 2, 1) - LeakyReLU(0.2) - Conv(64, 128, 4, 2, 1) - LeakyReLU(0.2) - Linear(128*7*7, 1).
     */
    public static Module mnistConvCritic(Rng rng) {
        return new Sequential(new Conv2d(1, 64, 4, 2, 1, rng), new LeakyReLU(0.2),
                new Conv2d(64, 128, 4, 2, 1, rng), new LeakyReLU(0.2), new Flatten(),
                new Linear(128 * 7 * 7, 1, rng));
    }

    /**
     * The matching generator: Linear(128, 128*7*7) - ReLU - ConvT(128, 64, 4, 2, 1) - ReLU -
     * ConvT(64, 1, 4, 2, 1) - Tanh, giving {@code [N, 1, 28, 28]} in [-1, 1].
     */
    public static Module mnistConvGenerator(Rng rng) {
        return new Sequential(new Linear(128, 128 * 7 * 7, rng), new ReLU(), new Reshape(128, 7, 7),
                new ConvTranspose2d(128, 64, 4, 2, 1, rng), new ReLU(), new ConvTranspose2d(64, 1, 4, 2, 1, rng),
                new Tanh());
    }

    /** Channels of every residual block of {@link #resnetGenerator} and {@link #resnetCritic} (the paper used 128). */
    public static final int RESNET_CHANNELS = 64;

    /**
     * A ResNet generator in the style of the WGAN-GP paper's CIFAR-10 model, for
     * {@code [channels, size, size]} images with {@code size} 28 or 32: Linear(noise, 64 * s * s),
     * then residual blocks that each double the size (7 -> 14 -> 28, or 4 -> 8 -> 16 -> 32) with
     * batch normalisation, then batch norm, ReLU, a 3x3 convolution to {@code channels} and tanh.
     */
    public static Module resnetGenerator(int noiseDim, int channels, int size, Rng rng) {
        int start = resnetStart(size);
        int c = RESNET_CHANNELS;
        java.util.List<Module> layers = new java.util.ArrayList<>();
        layers.add(new Linear(noiseDim, c * start * start, rng));
        layers.add(new Reshape(c, start, start));
        for (int s = start; s < size; s *= 2) {
            layers.add(new ResidualBlock(c, c, ResidualBlock.Resample.UP, true, rng));
        }
        layers.add(new BatchNorm2d(c));
        layers.add(new ReLU());
        layers.add(new Conv2d(c, channels, 3, 1, 1, rng));
        layers.add(new Tanh());
        return new Sequential(layers.toArray(new Module[0]));
    }

    /**
     * The matching critic, without batch normalisation: a 3x3 convolution to 64 channels, two
     * residual blocks that halve the size (28 -> 14 -> 7, or 32 -> 16 -> 8), two that keep it,
     * ReLU, the mean over positions, and Linear(64, 1).
     */
    public static Module resnetCritic(int channels, int size, Rng rng) {
        resnetStart(size);
        int c = RESNET_CHANNELS;
        return new Sequential(new Conv2d(channels, c, 3, 1, 1, rng),
                new ResidualBlock(c, c, ResidualBlock.Resample.DOWN, false, rng),
                new ResidualBlock(c, c, ResidualBlock.Resample.DOWN, false, rng),
                new ResidualBlock(c, c, ResidualBlock.Resample.NONE, false, rng),
                new ResidualBlock(c, c, ResidualBlock.Resample.NONE, false, rng),
                new ReLU(), new SpatialMean(), new Linear(c, 1, rng));
    }

    private static int resnetStart(int size) {
        if (size == 28) {
            return 7;
        }
        if (size == 32) {
            return 4;
        }
        throw new IllegalArgumentException("network 'resnet' takes 28x28 or 32x32 images, got " + size + "x" + size);
    }

    /** {@code [N, C, H, W] -> [N, C]}: the mean of each channel over all positions. */
    private static final class SpatialMean extends Module {
        @Override
        public io.github.jgrad.autodiff.Var forward(io.github.jgrad.autodiff.Var x) {
            return x.mean(new int[] {2, 3}, false);
        }

        @Override
        public String toString() {
            return "SpatialMean()";
        }
    }
}
