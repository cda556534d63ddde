package org.messenger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JainPlotTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path temp;

    @Test
    void drawsTheWindowedIndexAsAPng() throws Exception {
        List<WindowedJain.Window> windows = List.of(new WindowedJain.Window(0, 4, 0.7), new WindowedJain.Window(SECOND, 4, 0.99),
                new WindowedJain.Window(2 * SECOND, 3, 0.98));

        Path file = Plots.writeJain(temp.resolve("plots/fair4-jain.png"), "fair4", windows, SECOND, 4, 0.995, 0.98, 3.4);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isPositive();
        assertThat(image.getHeight()).isPositive();
    }

    @Test
    void refusesToDrawNoWindows() {
        assertThatThrownBy(() -> Plots.writeJain(temp.resolve("x.png"), "fair2", List.of(), SECOND, 2, 1.0, 0.98, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no window had two flows running");
    }
}
