package io.github.jgrad.wgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourceTest {
    @TempDir
    Path dir;

    @Test
    void everyToySetDrawsBatchesOfTheShapeItDeclaresWithoutEnd() {
        for (ToyData d : ToyData.values()) {
            Tensor b = d.sample(5, new Rng(1));
            assertEquals(Shape.of(5, 2), b.shape(), d.id());
            assertEquals(Shape.of(2), d.sampleShape(), d.id());
            assertEquals(OptionalInt.empty(), d.records(), d.id());
        }
    }

    @Test
    void mnistDeclaresImagesOfItsFilesSizeAndCountsThem() throws IOException {
        byte[] pixels = new byte[3 * 2 * 4];
        IdxFiles.write(dir, "t10k-images-idx3-ubyte", IdxFiles.images(3, 2, 4, pixels));
        IdxFiles.write(dir, "t10k-labels-idx1-ubyte", IdxFiles.labels(0, 1, 2));
        DataSource m = DataSources.open("mnist", dir);
        assertEquals("mnist", m.id());
        assertEquals(Shape.of(1, 2, 4), m.sampleShape());
        assertEquals(OptionalInt.of(3), m.records());
        assertEquals(Shape.of(7, 1, 2, 4), m.sample(7, new Rng(2)).shape());
    }

    @Test
    void registryOpensToySetsByIdAndNamesTheValidIdsForAnUnknownOne() throws IOException {
        assertEquals(ToyData.SWISSROLL, DataSources.open("swissroll", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataSources.open("9gaussians", null));
        assertTrue(e.getMessage().contains("9gaussians") && e.getMessage().contains("25gaussians"), e.getMessage());
    }

    @Test
    void aSourceMadeFromADrawKeepsItsNameShapeAndDraw() {
        DataSource s = DataSource.of("constant", Shape.of(3), (n, rng) -> Tensor.full(io.github.jgrad.tensor.DType.F32,
                Shape.of(n, 3), rng.nextDouble()));
        assertEquals("constant", s.id());
        assertEquals(Shape.of(3), s.sampleShape());
        double expected = new Rng(5).nextDouble();
        assertEquals(expected, s.sample(4, new Rng(5)).getDouble(11), 1e-7);
    }

    @Test
    void aSourceWithoutValuesPerSampleIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataSource.of("empty", Shape.of(0), (n, rng) -> null));
        assertTrue(e.getMessage().contains("empty") && e.getMessage().contains("[0]"), e.getMessage());
    }
}
