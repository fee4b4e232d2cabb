package io.github.jgrad.wgan.plot;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Several existing PNG figures composed into one, in a grid with a caption above each: the
 * {@code compare} figure that puts the GAN, WGAN, WGAN-clip and WGAN-GP critic maps next to each
 * other. Panels keep their own pixels (no rescaling, which would blur text); smaller panels are
 * centred in cells sized to the largest one.
 */
public final class SideBySide {
    /** White space around the figure and between cells, in pixels. */
    static final int GAP = 16;
    /** Height of the caption band above each panel, in pixels. */
    static final int CAPTION = 34;
    static final Font CAPTION_FONT = Style.LABEL.deriveFont(Font.BOLD, 17f);

    private SideBySide() {
    }

    /**
     * Reads {@code panels} and writes them {@code columns} per row, each under its caption.
     *
     * @param png output file; parent folders are created, an existing file is replaced atomically
     *     (it may also be one of the panels)
     * @param panels existing image files (PNG, or any format ImageIO reads), at least one
     * @param captions one caption per panel (empty for none)
     * @param columns panels per row, at least 1
     * @throws IllegalArgumentException if the lists are empty, null, or of different sizes, if
     *     {@code columns < 1}, or if a panel file is missing or not a readable image
     * @throws IOException if a panel cannot be read or the file cannot be written
     */
    public static void write(Path png, List<Path> panels, List<String> captions, int columns) throws IOException {
        PngFiles.target(png);
        if (panels == null || panels.isEmpty()) {
            throw new IllegalArgumentException("side by side: panels must not be empty");
        }
        if (captions == null || captions.size() != panels.size()) {
            throw new IllegalArgumentException("side by side: need one caption per panel, got "
                    + (captions == null ? "none" : captions.size()) + " for " + panels.size() + " panels");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("side by side: columns must be at least 1, got " + columns);
        }
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            images.add(read(i, panels.get(i)));
        }
        PngFiles.write(render(images, captions, columns), png);
    }

    private static BufferedImage read(int index, Path p) throws IOException {
        if (p == null || !Files.isRegularFile(p)) {
            throw new IllegalArgumentException("side by side: panel " + index + " '" + p + "' is not an existing file");
        }
        PngFiles.ensureHeadless();
        BufferedImage img = ImageIO.read(p.toFile());
        if (img == null) {
            throw new IllegalArgumentException("side by side: panel " + index + " '" + p + "' is not a readable image");
        }
        return img;
    }

    /** Left or top pixel of cell {@code index} whose size is {@code size} along that axis. */
    static int cellOrigin(int index, int size) {
        return GAP + index * (size + GAP);
    }

    static BufferedImage render(List<BufferedImage> images, List<String> captions, int columns) {
        int cellW = 0;
        int cellH = 0;
        for (BufferedImage img : images) {
            cellW = Math.max(cellW, img.getWidth());
            cellH = Math.max(cellH, img.getHeight());
        }
        cellH += CAPTION;
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + columns - 1) / columns;
        BufferedImage out = Style.canvas(cellOrigin(cols, cellW), cellOrigin(rows, cellH));
        Graphics2D g = Style.begin(out);
        try {
            for (int i = 0; i < images.size(); i++) {
                BufferedImage img = images.get(i);
                int x = cellOrigin(i % columns, cellW);
                int y = cellOrigin(i / columns, cellH);
                String caption = captions.get(i) == null ? "" : captions.get(i);
                String shown = Style.fit(g, CAPTION_FONT, caption, cellW - 8);
                Style.centred(g, shown, x + cellW / 2.0, y + CAPTION - 10);
                g.drawImage(img, x + (cellW - img.getWidth()) / 2, y + CAPTION + (cellH - CAPTION - img.getHeight()) / 2, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
