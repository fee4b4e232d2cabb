package io.github.jgrad.wgan.plot;

/**
 * The affine map from data coordinates to image pixels for one plot area: x grows to the right,
 * y upwards (so pixel rows grow as y falls). Pixel {@code (c, r)} covers {@code [c, c+1) x [r,
 * r+1)} of the continuous pixel coordinates, so the pixel showing a point is
 * {@code (floor(px(x)), floor(py(y)))}.
 *
 * @param bounds the data rectangle shown
 * @param left pixel x of the area's left edge
 * @param top pixel y of the area's top edge
 * @param width area width in pixels
 * @param height area height in pixels
 */
record PixelMapping(Bounds bounds, int left, int top, int width, int height) {
    /** Continuous pixel x of data x. */
    double px(double x) {
        return left + (x - bounds.xMin()) / bounds.width() * width;
    }

    /** Continuous pixel y of data y. */
    double py(double y) {
        return top + (bounds.yMax() - y) / bounds.height() * height;
    }

    /** Data x at continuous pixel x. */
    double dataX(double px) {
        return bounds.xMin() + (px - left) / width * bounds.width();
    }

    /** Data y at continuous pixel y. */
    double dataY(double py) {
        return bounds.yMax() - (py - top) / height * bounds.height();
    }

    /** One past the rightmost pixel column of the area. */
    int right() {
        return left + width;
    }

    /** One past the lowest pixel row of the area. */
    int bottom() {
        return top + height;
    }
}
