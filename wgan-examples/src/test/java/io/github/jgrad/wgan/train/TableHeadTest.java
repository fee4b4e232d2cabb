package io.github.jgrad.wgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jgrad.autodiff.GradCheck;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.TableColumn;
import io.github.jgrad.wgan.data.TableSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableHeadTest {
    /** numeric, 3 categories, numeric, numeric, 2 categories: width 8. */
    private static final TableSchema SCHEMA = new TableSchema(List.of(
            new TableColumn("a", false, 0, 1, 0, List.of()),
            new TableColumn("b", true, 0, 0, 0, List.of("x", "y", "z")),
            new TableColumn("c", false, 0, 1, 0, List.of()),
            new TableColumn("d", false, 0, 1, 0, List.of()),
            new TableColumn("e", true, 0, 0, 0, List.of("p", "q"))));

    @Test
    void numbersPassThroughAndEachCategoryBlockBecomesASoftmax() {
        Tensor in = Tensor.of(new float[] {0.5f, 1, 2, 3, -1.5f, 2.5f, 0, (float) Math.log(3)}, 1, 8);
        Tensor out = new TableHead(SCHEMA).forward(Var.constant(in)).value();
        assertEquals(0.5, out.getDouble(0), 1e-6);
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(1) / z, out.getDouble(1), 1e-6);
        assertEquals(Math.exp(3) / z, out.getDouble(3), 1e-6);
        assertEquals(-1.5, out.getDouble(4), 1e-6);
        assertEquals(2.5, out.getDouble(5), 1e-6);
        assertEquals(0.25, out.getDouble(6), 1e-6); // softmax(0, log 3) = (1/4, 3/4)
        assertEquals(0.75, out.getDouble(7), 1e-6);
    }

    @Test
    void itsGradientsMatchFiniteDifferences() {
        TableHead head = new TableHead(SCHEMA);
        Tensor x = new Rng(1).normal(DType.F64, Shape.of(3, 8), 0, 1);
        GradCheck.gradcheck(v -> head.forward(v[0]), x);
        GradCheck.gradgradcheck(v -> head.forward(v[0]), x);
    }
}
