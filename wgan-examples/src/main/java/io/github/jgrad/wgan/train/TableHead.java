package io.github.jgrad.wgan.train;

import io.github.jgrad.autodiff.CompositeOps;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.Module;
import io.github.jgrad.wgan.data.TableColumn;
import io.github.jgrad.wgan.data.TableSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator's last layer for a table: numeric columns pass through (standardised values),
 * and each categorical column's block becomes a softmax, so the critic compares probabilities
 * with the real rows' one-hot blocks. It has no parameters.
 */
public final class TableHead extends Module {
    /** Runs of the encoded row: {start, end, 1 for a softmax block}. */
    private final List<int[]> runs = new ArrayList<>();

    /** The head for rows encoded by {@code schema}. */
    public TableHead(TableSchema schema) {
        int numericStart = -1;
        for (int c = 0; c < schema.columns().size(); c++) {
            TableColumn col = schema.columns().get(c);
            int at = schema.offset(c);
            if (col.categorical()) {
                if (numericStart >= 0) {
                    runs.add(new int[] {numericStart, at, 0});
                    numericStart = -1;
                }
                runs.add(new int[] {at, at + col.width(), 1});
            } else if (numericStart < 0) {
                numericStart = at;
            }
        }
        if (numericStart >= 0) {
            runs.add(new int[] {numericStart, schema.width(), 0});
        }
    }

    @Override
    public Var forward(Var input) {
        if (runs.size() == 1 && runs.get(0)[2] == 0) {
            return input; // numbers only
        }
        Var[] parts = new Var[runs.size()];
        for (int i = 0; i < parts.length; i++) {
            int[] r = runs.get(i);
            Var part = input.slice(1, r[0], r[1]);
            parts[i] = r[2] == 1 ? CompositeOps.softmax(part, 1) : part;
        }
        return parts.length == 1 ? parts[0] : io.github.jgrad.autodiff.ShapeOps.concat(1, parts);
    }
}
