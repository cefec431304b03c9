package io.github.cyclegan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.cyclegan.messaging.options.GanMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GanLossTest {

    /** The reference's GANLoss on the predictions 0.5 and -1, worked out by hand. */
    @ParameterizedTest
    @CsvSource({
        "LSGAN, 2.125, 0.625",
        "VANILLA, 0.893669, 0.643669",
        "WGANGP, 0.25, -0.25"})
    void eachModeScoresRealAndFakeAsTheReference(GanMode mode, double real, double fake) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray prediction = manager.create(new float[] {0.5f, -1f});
            GanLoss loss = GanLoss.of(mode);

            assertThat((double) loss.loss(prediction, true).getFloat()).isCloseTo(real, within(1e-5));
            assertThat((double) loss.loss(prediction, false).getFloat()).isCloseTo(fake, within(1e-5));
        }
    }
}
