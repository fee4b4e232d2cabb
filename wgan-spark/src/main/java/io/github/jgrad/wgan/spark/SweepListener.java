package io.github.jgrad.wgan.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.TaskInfo;

/**
 * Watches the sweep's job on the driver: prints a line as each run's task starts, finishes or is
 * lost, and keeps every attempt for the timeline. Tasks of other jobs (the output probe) are
 * ignored.
 */
final class SweepListener extends SparkListener {
    private final String jobGroup;
    private final Grid grid;
    private final PrintWriter out;
    private final Set<Integer> stages = new HashSet<>();
    private final List<TaskAttempt> attempts = new ArrayList<>();
    private int finished;

    SweepListener(String jobGroup, Grid grid, PrintWriter out) {
        this.jobGroup = jobGroup;
        this.grid = grid;
        this.out = out;
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart job) {
        if (job.properties() != null && jobGroup.equals(job.properties().getProperty("spark.jobGroup.id"))) {
            for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(job.stageIds())) {
                stages.add((Integer) stage);
            }
        }
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart start) {
        if (!stages.contains(start.stageId())) {
            return;
        }
        TaskInfo t = start.taskInfo();
        out.printf(Locale.ROOT, "   started  %s%s on executor %s (%s)%n", name(t.index()),
                t.attemptNumber() > 0 ? ", attempt " + (t.attemptNumber() + 1) : "", t.executorId(), t.host());
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        if (!stages.contains(end.stageId())) {
            return;
        }
        TaskInfo t = end.taskInfo();
        boolean ok = t.successful();
        String reason = ok ? "" : end.reason().toString();
        attempts.add(new TaskAttempt(t.index(), t.attemptNumber(), t.executorId(), t.host(), t.launchTime(),
                t.finishTime() > 0 ? t.finishTime() : System.currentTimeMillis(), ok, reason));
        if (ok) {
            finished++;
            out.printf(Locale.ROOT, "   finished %s on executor %s after %.1f s (%d of %d)%n", name(t.index()),
                    t.executorId(), (t.finishTime() - t.launchTime()) / 1000.0, finished, grid.points().size());
        } else {
            out.printf(Locale.ROOT, "   lost     %s on executor %s: %s; Spark runs it again and it continues "
                    + "from its last checkpoint%n", name(t.index()), t.executorId(), firstLine(reason));
        }
    }

    /** Every attempt seen so far, finished or failed. */
    synchronized List<TaskAttempt> attempts() {
        return List.copyOf(attempts);
    }

    private String name(int index) {
        return index < grid.points().size() ? grid.folder(grid.points().get(index)) : "task " + index;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
