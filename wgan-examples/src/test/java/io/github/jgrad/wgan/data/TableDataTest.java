package io.github.jgrad.wgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableDataTest {
    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private TableData load(String text, TableOptions o) throws IOException {
        return TableData.load(csv("t.csv", text), o, 1);
    }

    @Test
    void numericColumnsAreStandardisedAndTextColumnsOneHot() throws IOException {
        TableData t = load("x,kind\n1,a\n2,b\n3,a\n4,b\n", TableOptions.DEFAULT);
        TableSchema s = t.schema();
        assertEquals(3, s.width());
        TableColumn x = s.columns().get(0);
        assertEquals(2.5, x.mean(), 1e-12);
        assertEquals(Math.sqrt(1.25), x.std(), 1e-12); // population std of 1, 2, 3, 4
        assertEquals(List.of("a", "b"), s.columns().get(1).categories());
        assertEquals(0, t.heldOutRows(), "four rows are too few to hold any out");
        double[] rows = t.training().toDoubleArray();
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < 4; i++) {
            double z = rows[3 * i];
            sum += z;
            squares += z * z;
            double original = x.original(z);
            // the one-hot block says a for odd x, b for even x
            assertEquals(Math.round(original) % 2 == 1 ? 1.0 : 0.0, rows[3 * i + 1], 1e-6, "row " + i);
            assertEquals(1.0, rows[3 * i + 1] + rows[3 * i + 2], 1e-6);
        }
        assertEquals(0, sum, 1e-5);
        assertEquals(4, squares, 1e-5);
        assertEquals(Shape.of(3), t.sampleShape());
        assertEquals(OptionalInt.of(4), t.records());
        assertEquals("t.csv", t.id());
    }

    @Test
    void decodingGivesBackTheFileValuesWithTheirDecimalsAndLabels() throws IOException {
        TableData t = load("price,colour\n1.50,\"red, dark\"\n2.25,blue\n", TableOptions.DEFAULT);
        TableSchema s = t.schema();
        TableColumn price = s.columns().get(0);
        double[] encoded = {price.standardise(1.5), 0.9, 0.1, price.standardise(2.25), 0.2, 0.8};
        assertArrayEquals(new String[] {"1.50", "red, dark"}, s.decode(encoded, 0, null));
        assertArrayEquals(new String[] {"2.25", "blue"}, s.decode(encoded, 3, null));
    }

    @Test
    void sampledCategoriesFollowTheGeneratorsProbabilities() {
        double[] block = {0.25, 0.75};
        Rng rng = new Rng(3);
        int second = 0;
        for (int i = 0; i < 4000; i++) {
            second += TableSchema.category(block, 0, 2, rng);
        }
        assertEquals(0.75, second / 4000.0, 0.03);
        assertEquals(1, TableSchema.category(block, 0, 2, null), "argmax without sampling");
    }

    @Test
    void aColumnNamedCategoricalIsOneHotThoughItHoldsNumbers() throws IOException {
        TableData t = load("x,label\n0.5,0\n1.5,1\n2.5,2\n", new TableOptions(List.of("label"), false));
        assertTrue(t.schema().columns().get(1).categorical());
        assertEquals(List.of("0", "1", "2"), t.schema().columns().get(1).categories());
        assertEquals(4, t.schema().width());
    }

    @Test
    void aFifthOfTheRowsIsHeldOutAsTheSeedChooses() throws IOException {
        StringBuilder sb = new StringBuilder("v\n");
        for (int i = 0; i < 50; i++) {
            sb.append(i).append('\n');
        }
        Path f = csv("fifty.csv", sb.toString());
        TableData a = TableData.load(f, TableOptions.DEFAULT, 1);
        TableData b = TableData.load(f, TableOptions.DEFAULT, 1);
        TableData c = TableData.load(f, TableOptions.DEFAULT, 2);
        assertEquals(10, a.heldOutRows());
        assertEquals(40, a.trainRows());
        assertArrayEquals(a.heldOut().toDoubleArray(), b.heldOut().toDoubleArray(), "same seed, same split");
        assertNotEquals(List.of(a.heldOut().toDoubleArray()), List.of(c.heldOut().toDoubleArray()));
        double all = 0;
        for (double z : a.training().toDoubleArray()) {
            all += z;
        }
        for (double z : a.heldOut().toDoubleArray()) {
            all += z;
        }
        assertEquals(0, all, 1e-4, "held-out and training rows together are the whole standardised column");
        Tensor batch = a.sample(7, new Rng(1));
        assertEquals(Shape.of(7, 1), batch.shape());
    }

    @Test
    void aConstantColumnIsKeptWithAWarning() throws IOException {
        TableData t = load("x,flat\n1,7\n2,7\n3,7\n", TableOptions.DEFAULT);
        assertEquals(1, t.warnings().size());
        assertTrue(t.warnings().get(0).contains("'flat'") && t.warnings().get(0).contains("constant"), t.warnings().toString());
        TableColumn flat = t.schema().columns().get(1);
        assertEquals(1.0, flat.std());
        assertEquals("7", flat.format(flat.original(0.0)));
    }

    @Test
    void rowsWithMissingValuesAreDroppedWhenAsked() throws IOException {
        TableData t = load("x,y\n1,2\n,3\n4,NA\n5,6\n", new TableOptions(List.of(), true));
        assertEquals(2, t.trainRows());
        assertEquals(2, t.droppedRows());
        assertTrue(t.warnings().get(0).contains("2 of 4"), t.warnings().toString());
    }

    /** One bad table and what its error must say: the file, the row and the column where there is one. */
    private void refused(String text, TableOptions o, String... fragments) throws IOException {
        Path f = csv("bad.csv", text);
        Exception e = assertThrows(Exception.class, () -> TableData.load(f, o, 1));
        assertTrue(e instanceof TableFormatException || e instanceof IllegalArgumentException, e.toString());
        assertTrue(e.getMessage().contains("bad.csv") || e.getMessage().contains("--categorical"), e.getMessage());
        for (String s : fragments) {
            assertTrue(e.getMessage().contains(s), "'" + s + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void badTablesAreRefusedNamingRowAndColumn() throws IOException {
        refused("", TableOptions.DEFAULT, "is empty");
        refused("a,b\n", TableOptions.DEFAULT, "no rows");
        refused("a,b\n1,2\n3\n", TableOptions.DEFAULT, "row 3", "1 fields", "2 columns");
        refused("a,b\n1,2\n3,x\n5,6\n", TableOptions.DEFAULT, "row 3", "column 'b'", "'x' is not a number");
        refused("a,b\n1,2\n3,\n", TableOptions.DEFAULT, "row 3", "column 'b'", "missing value", "--drop-missing");
        refused("a,b\n1,2\n", new TableOptions(List.of("c"), false), "no column 'c'", "[a, b]");
        refused("a,,c\n1,2,3\n", TableOptions.DEFAULT, "column 2 has no name");
        refused("a,a\n1,2\n", TableOptions.DEFAULT, "'a' appears twice");
        refused("a,b\n\"1,2\n", TableOptions.DEFAULT, "row 2", "not closed");
        StringBuilder ids = new StringBuilder("id,v\n");
        for (int i = 0; i <= TableSchema.MAX_CATEGORIES; i++) {
            ids.append("user").append(i).append(",1\n");
        }
        refused(ids.toString(), TableOptions.DEFAULT, "column 'id'", "more than 1000 categories", "row 1002");
    }

    @Test
    void aFolderOrAMissingFileIsNamed() throws IOException {
        assertTrue(assertThrows(TableFormatException.class, () -> TableData.load(dir, TableOptions.DEFAULT, 1))
                .getMessage().contains("is a folder"));
        assertTrue(assertThrows(TableFormatException.class, () -> TableData.load(dir.resolve("none.csv"),
                TableOptions.DEFAULT, 1)).getMessage().contains("no such CSV file"));
    }

    @Test
    void writtenRowsReadBackFieldForField() throws IOException {
        Path f = dir.resolve("out.csv");
        CsvFile.write(f, List.of("name", "note"), List.of(new String[] {"a", "x, \"y\""}, new String[] {"b", "plain"}));
        CsvFile back = CsvFile.read(f);
        assertEquals(List.of("name", "note"), back.header());
        assertArrayEquals(new String[] {"a", "x, \"y\""}, back.records().get(0));
        assertEquals(3, back.line(1));
    }
}
