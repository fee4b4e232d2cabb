package io.github.jgrad.wgan.spark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * When and where each run's task ran: {@code timeline.csv} (one row per attempt) and
 * {@code timeline.png}, a bar per attempt (lost attempts in red) in lanes grouped by executor,
 * one lane per task slot (an executor running two runs at once has two lanes), so a figure of
 * runs over time per executor comes straight from a sweep.
 */
final class Timeline {
    private static final int LANE = 44;
    private static final long HANDOVER_MILLIS = 1000;
    private static final int LEFT = 150;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 50;
    private static final int WIDTH = 900;
    private static final Color DONE = new Color(0x4C72B0);
    private static final Color LOST = new Color(0xC44E52);

    private Timeline() {
    }

    /** Writes {@code timeline.csv} and {@code timeline.png} into {@code out}. */
    static void write(Path out, Grid grid, List<TaskAttempt> attempts) throws IOException {
        Files.writeString(out.resolve("timeline.csv"), csv(grid, attempts), StandardCharsets.UTF_8);
        if (!attempts.isEmpty()) {
            Path tmp = Files.createTempFile(out, ".timeline", ".png.tmp");
            ImageIO.write(draw(grid, attempts), "png", tmp.toFile());
            Files.move(tmp, out.resolve("timeline.png"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }

    static String csv(Grid grid, List<TaskAttempt> attempts) {
        long t0 = attempts.stream().mapToLong(TaskAttempt::launchMillis).min().orElse(0);
        StringBuilder s = new StringBuilder("run,folder,attempt,executor,host,start_s,end_s,outcome\n");
        for (TaskAttempt a : attempts) {
            s.append(String.format(Locale.ROOT, "%d,%s,%d,%s,%s,%.3f,%.3f,%s%n", a.index(),
                    grid.folder(grid.points().get(a.index())), a.attempt(), a.executor(), a.host(),
                    (a.launchMillis() - t0) / 1000.0, (a.finishMillis() - t0) / 1000.0,
                    a.succeeded() ? "finished" : "lost"));
        }
        return s.toString();
    }

    private static BufferedImage draw(Grid grid, List<TaskAttempt> attempts) {
        List<String> executors = new ArrayList<>(new TreeSet<>(attempts.stream().map(TaskAttempt::executor).toList()));
        List<String> lanes = new ArrayList<>();
        Map<TaskAttempt, Integer> laneOf = lanes(attempts, executors, lanes);
        long t0 = attempts.stream().mapToLong(TaskAttempt::launchMillis).min().orElseThrow();
        double span = Math.max(1, attempts.stream().mapToLong(TaskAttempt::finishMillis).max().orElseThrow() - t0)
                / 1000.0;
        double step = niceStep(span / 8);
        int height = TOP + BOTTOM + LANE * lanes.size();
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        int plotWidth = WIDTH - LEFT - RIGHT;
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(String.format(Locale.ROOT, "%d runs over time per executor (%.0f s)", grid.points().size(), span),
                LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double t = 0; t <= span + 1e-9; t += step) {
            int x = LEFT + (int) Math.round(t / span * plotWidth);
            g.setColor(new Color(0xE0E0E0));
            g.drawLine(x, TOP, x, height - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, step < 1 ? "%.1f" : "%.0f", t);
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, height - BOTTOM + 16);
        }
        g.drawString("seconds since the first task started", LEFT + plotWidth / 2 - 100, height - 12);
        for (int lane = 0; lane < lanes.size(); lane++) {
            int y = TOP + lane * LANE;
            g.setColor(Color.DARK_GRAY);
            g.drawString(lanes.get(lane), 10, y + LANE / 2 + 5);
        }
        g.setStroke(new BasicStroke(1f));
        for (TaskAttempt a : attempts) {
            int lane = laneOf.get(a);
            int x0 = LEFT + (int) Math.round((a.launchMillis() - t0) / 1000.0 / span * plotWidth);
            int x1 = LEFT + (int) Math.round((a.finishMillis() - t0) / 1000.0 / span * plotWidth);
            int y = TOP + lane * LANE + 6;
            g.setColor(a.succeeded() ? DONE : LOST);
            g.fillRect(x0, y, Math.max(2, x1 - x0 - 1), LANE - 12);
            g.setColor(Color.WHITE);
            String label = "#" + a.index() + (a.attempt() > 0 ? " (attempt " + (a.attempt() + 1) + ")" : "");
            if (g.getFontMetrics().stringWidth(label) < x1 - x0 - 6) {
                g.drawString(label, x0 + 4, y + (LANE - 12) / 2 + 5);
            }
        }
        g.dispose();
        return img;
    }

    /**
     * Puts each attempt in the first lane of its executor that is free when it starts, opening a
     * new lane when none is; fills {@code names} with each lane's label, executors in order.
     */
    private static Map<TaskAttempt, Integer> lanes(List<TaskAttempt> attempts, List<String> executors,
            List<String> names) {
        Map<TaskAttempt, Integer> laneOf = new HashMap<>();
        for (String executor : executors) {
            List<Long> laneEnds = new ArrayList<>();
            int first = names.size();
            List<TaskAttempt> mine = attempts.stream().filter(a -> a.executor().equals(executor))
                    .sorted(Comparator.comparingLong(TaskAttempt::launchMillis)).toList();
            for (TaskAttempt a : mine) {
                int lane = 0;
                // The driver hears that a task ended a moment after its slot took the next one.
                while (lane < laneEnds.size() && laneEnds.get(lane) > a.launchMillis() + HANDOVER_MILLIS) {
                    lane++;
                }
                if (lane == laneEnds.size()) {
                    laneEnds.add(a.finishMillis());
                    names.add("executor " + executor + (lane > 0 ? " (" + (lane + 1) + ")" : ""));
                } else {
                    laneEnds.set(lane, a.finishMillis());
                }
                laneOf.put(a, first + lane);
            }
        }
        return laneOf;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-3))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
