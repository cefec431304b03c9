package io.github.cyclegan.cli.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cyclegan.cli.CliSystem;
import io.github.cyclegan.cli.DemoImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataset upload} and {@code dataset list} against the shared system's real S3 server. */
class DatasetCommandTest {

    @TempDir
    Path tmp;

    @Test
    void uploadsTheReferenceLayoutToTheKeysAJobReadsAndListsIt() {
        Path dir = DemoImages.layout(tmp.resolve("shoes"), 3, 2);

        CliSystem.Result upload = CliSystem.get().run("dataset", "upload", "layout-shoes", dir.toString());

        assertThat(upload.exit()).as(upload.err()).isZero();
        assertThat(upload.lines()).contains(
                "trainA  3 images uploaded", "trainB  3 images uploaded", "testA   2 images uploaded",
                "dataset layout-shoes uploaded:",
                "  trainA  s3://cyclegan/datasets/layout-shoes/trainA/ (3 images)",
                "  trainB  s3://cyclegan/datasets/layout-shoes/trainB/ (3 images)",
                "  testA   s3://cyclegan/datasets/layout-shoes/testA/ (2 images)",
                "Train on it with: ./cyclegan train --model MODEL --dataset layout-shoes");

        CliSystem.Result list = CliSystem.get().run("dataset", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.lines()).contains("layout-shoes  testA 2  trainA 3  trainB 3");
    }

    @Test
    void uploadingAgainWithTwoFoldersReplacesWhatWasThere() {
        CliSystem system = CliSystem.get();
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        DemoImages.copy("trainA", 3, a);
        DemoImages.copy("trainB", 2, b);
        assertThat(system.run("dataset", "upload", "pair", "--a", a.toString(), "--b", b.toString()).exit()).isZero();

        Path fewer = tmp.resolve("fewer");
        DemoImages.copy("trainA", 1, fewer);
        CliSystem.Result again = system.run("dataset", "upload", "pair", "--a", fewer.toString(), "--b", b.toString());

        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.lines()).contains("trainA  1 images uploaded, 2 old objects deleted", "trainB  2 images uploaded");
        assertThat(system.run("dataset", "list").lines()).contains("pair  trainA 1  trainB 2");
    }

    @Test
    void refusesMissingFoldersFoldersWithoutImagesAndOtherLayouts() throws Exception {
        CliSystem.Result missing = CliSystem.runAlone("dataset", "upload", "x", tmp.resolve("nowhere").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("DIR: no folder " + tmp.resolve("nowhere"));

        Path notes = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(notes.resolve("readme.txt"), "not an image");
        CliSystem.Result noImages = CliSystem.runAlone("dataset", "upload", "x", "--a", notes.toString(), "--b",
                notes.toString());
        assertThat(noImages.exit()).isEqualTo(2);
        assertThat(noImages.err()).contains(notes + " has no images (file names ending in bmp, jpeg, jpg, png, ppm, "
                + "tif, tiff, webp)");

        CliSystem.Result notLayout = CliSystem.runAlone("dataset", "upload", "x", notes.toString());
        assertThat(notLayout.exit()).isEqualTo(2);
        assertThat(notLayout.err()).contains(notes + " is not in the reference layout: it has no trainA/ folder");

        CliSystem.Result both = CliSystem.runAlone("dataset", "upload", "x", notes.toString(), "--a", notes.toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("give either DIR (the reference layout) or both --a DIR and --b DIR");
    }
}
