package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;

/**
 * A residual block of the WGAN-GP paper's ResNet models (He et al. 2016, pre-activation form):
 * {@code y = shortcut(x) + main(x)} on {@code [N, C, H, W]}, where the main path is
 * {@code [norm] ReLU, conv 3x3, [norm] ReLU, conv 3x3} and the shortcut is the identity, or a
 * 1x1 convolution when the channel count or the size changes. With {@link Resample#UP} both
 * paths first double the height and width (nearest neighbour); with {@link Resample#DOWN} both
 * end by halving them (2x2 mean pooling, which needs even sizes).
 *
 * <p>Batch normalisation is only offered for the generator side ({@code batchNorm} true): in a
 * critic trained with a gradient penalty it would couple the samples of a batch.
 */
public final class ResidualBlock extends Module {
    /** What the block does to the height and width. */
    public enum Resample {
        /** Keeps them. */
        NONE,
        /** Doubles them before the convolutions (generator side). */
        UP,
        /** Halves them after the convolutions (critic side). */
        DOWN
    }

    private final Resample resample;
    private final Module norm1;
    private final Conv2d conv1;
    private final Module norm2;
    private final Conv2d conv2;
    private final Conv2d shortcut;

    /** A float32 block. */
    public ResidualBlock(int inChannels, int outChannels, Resample resample, boolean batchNorm, Rng rng) {
        this(inChannels, outChannels, resample, batchNorm, DType.F32, rng);
    }

    /**
     * @param batchNorm batch normalisation before each activation (generator side only)
     * @param dtype dtype of the parameters
     */
    public ResidualBlock(int inChannels, int outChannels, Resample resample, boolean batchNorm, DType dtype,
                         Rng rng) {
        if (inChannels < 1 || outChannels < 1) {
            throw new IllegalArgumentException("ResidualBlock: channels must be positive, got in=" + inChannels
                    + ", out=" + outChannels);
        }
        this.resample = java.util.Objects.requireNonNull(resample, "resample");
        this.norm1 = batchNorm ? registerModule("norm1", new BatchNorm2d(inChannels, 1e-5, 0.1, true, dtype)) : null;
        this.conv1 = registerModule("conv1", new Conv2d(inChannels, outChannels, 3, 1, 1, 1, true, dtype, rng));
        this.norm2 = batchNorm ? registerModule("norm2", new BatchNorm2d(outChannels, 1e-5, 0.1, true, dtype)) : null;
        this.conv2 = registerModule("conv2", new Conv2d(outChannels, outChannels, 3, 1, 1, 1, true, dtype, rng));
        boolean project = inChannels != outChannels || resample != Resample.NONE;
        this.shortcut = project
                ? registerModule("shortcut", new Conv2d(inChannels, outChannels, 1, 1, 0, 1, true, dtype, rng)) : null;
    }

    @Override
    public Var forward(Var x) {
        if (x.shape().rank() != 4) {
            throw new IllegalArgumentException("ResidualBlock: input must be [N, C, H, W], got " + x.shape());
        }
        if (resample == Resample.DOWN && (x.shape().dim(2) % 2 != 0 || x.shape().dim(3) % 2 != 0)) {
            throw new IllegalArgumentException("ResidualBlock: down-sampling needs an even height and width, got "
                    + x.shape());
        }
        Var h = norm1 == null ? x : norm1.forward(x);
        h = h.relu();
        if (resample == Resample.UP) {
            h = upsample(h);
        }
        h = conv1.forward(h);
        h = (norm2 == null ? h : norm2.forward(h)).relu();
        h = conv2.forward(h);
        Var s = x;
        if (resample == Resample.UP) {
            s = upsample(s);
        }
        if (shortcut != null) {
            s = shortcut.forward(s);
        }
        if (resample == Resample.DOWN) {
            h = meanPool(h);
            s = meanPool(s); // pooling after the 1x1 convolution equals pooling before it: both are linear
        }
        return s.add(h);
    }

    /** Nearest-neighbour doubling of height and width: each value repeated in a 2x2 square. */
    public static Var upsample(Var x) {
        Shape s = x.shape();
        int n = s.dim(0);
        int c = s.dim(1);
        int h = s.dim(2);
        int w = s.dim(3);
        return x.reshape(n, c, h, 1, w, 1).expand(Shape.of(n, c, h, 2, w, 2)).reshape(n, c, 2 * h, 2 * w);
    }

    /** 2x2 mean pooling with stride 2: the mean of each non-overlapping 2x2 square. */
    public static Var meanPool(Var x) {
        Shape s = x.shape();
        int n = s.dim(0);
        int c = s.dim(1);
        int h = s.dim(2);
        int w = s.dim(3);
        return x.reshape(n, c, h / 2, 2, w / 2, 2).mean(new int[] {3, 5}, false);
    }

    @Override
    public String toString() {
        return "ResidualBlock(" + conv1 + ", " + resample + (norm1 != null ? ", batch norm" : "") + ")";
    }
}
