package io.github.jgrad.nn;

import io.github.jgrad.tensor.Tensor;

/**
 * Convolutions by their textbook definitions, one loop per index, to test the im2col/col2im
 * layers against. Square kernels; all tensors float64.
 */
final class ConvReference {
    private ConvReference() {
    }

    /**
     * {@code y[n,o,i,j] = b[o] + sum_{c,ki,kj} w[o,c,ki,kj] * x[n, c, i*s - p + ki*d, j*s - p + kj*d]},
     * reading 0 outside the image.
     */
    static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int pad, int dilation) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int o = w.dim(0), k = w.dim(2);
        int oh = (h + 2 * pad - dilation * (k - 1) - 1) / stride + 1;
        int ow = (wd + 2 * pad - dilation * (k - 1) - 1) / stride + 1;
        double[] out = new double[n * o * oh * ow];
        int at = 0;
        for (int in = 0; in < n; in++) {
            for (int io = 0; io < o; io++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = b == null ? 0 : b.get(io);
                        for (int ic = 0; ic < c; ic++) {
                            for (int ki = 0; ki < k; ki++) {
                                for (int kj = 0; kj < k; kj++) {
                                    int y = i * stride - pad + ki * dilation;
                                    int xx = j * stride - pad + kj * dilation;
                                    if (y >= 0 && y < h && xx >= 0 && xx < wd) {
                                        s += w.get(io, ic, ki, kj) * x.get(in, ic, y, xx);
                                    }
                                }
                            }
                        }
                        out[at++] = s;
                    }
                }
            }
        }
        return Tensor.of(out, n, o, oh, ow);
    }

    /**
     * The transposed convolution as a scatter: every input pixel {@code x[n,c,i,j]} adds
     * {@code x * w[c,o,ki,kj]} to {@code y[n, o, i*s - p + ki*d, j*s - p + kj*d]} when that lies in
     * the output, whose size is {@code (in-1)*s - 2p + d*(k-1) + outputPadding + 1}.
     */
    static Tensor convTranspose2d(Tensor x, Tensor w, Tensor b, int stride, int pad, int outputPadding,
                                  int dilation) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int o = w.dim(1), k = w.dim(2);
        int oh = (h - 1) * stride - 2 * pad + dilation * (k - 1) + outputPadding + 1;
        int ow = (wd - 1) * stride - 2 * pad + dilation * (k - 1) + outputPadding + 1;
        double[] out = new double[n * o * oh * ow];
        for (int in = 0; in < n; in++) {
            for (int io = 0; io < o; io++) {
                for (int i = 0; i < oh * ow; i++) {
                    out[(in * o + io) * oh * ow + i] = b == null ? 0 : b.get(io);
                }
            }
            for (int ic = 0; ic < c; ic++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < wd; j++) {
                        for (int io = 0; io < o; io++) {
                            for (int ki = 0; ki < k; ki++) {
                                for (int kj = 0; kj < k; kj++) {
                                    int y = i * stride - pad + ki * dilation;
                                    int xx = j * stride - pad + kj * dilation;
                                    if (y >= 0 && y < oh && xx >= 0 && xx < ow) {
                                        out[((in * o + io) * oh + y) * ow + xx] += x.get(in, ic, i, j)
                                                * w.get(ic, io, ki, kj);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Tensor.of(out, n, o, oh, ow);
    }
}
