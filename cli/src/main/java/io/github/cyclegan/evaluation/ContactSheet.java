package io.github.cyclegan.evaluation;

import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.image.ImageEncoder;
import io.github.cyclegan.image.ImageTensors;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A grid of results to look at: one row per test image, columns input | translation | reconstruction, each image
 * enlarged {@code scale} times by nearest neighbour (28 px images are unreadable at 1:1) and converted to 8 bits
 * as the saved outputs are ({@link ImageTensors#toImage(ChwImage)}). Cells are as large as the largest image
 * shown; smaller images sit in their cell's top-left corner on black. Cells are framed by {@link #SEPARATOR}-pixel
 * lines of {@link #SEPARATOR_RGB}.
 */
public final class ContactSheet {

    /** Width of the lines between and around cells, in pixels of the sheet. */
    public static final int SEPARATOR = 2;
    /** A blue that gray images cannot contain, so cell borders stay visible whatever the images show. */
    public static final int SEPARATOR_RGB = 0x4080FF;
    public static final int COLUMNS = 3;

    private ContactSheet() {
    }

    /** The first {@code rowsPerDirection} results of A→B, then as many of B→A, as PNG bytes. */
    public static byte[] png(QualityEvaluation evaluation, int rowsPerDirection, int scale) {
        return ImageEncoder.png(render(evaluation, rowsPerDirection, scale));
    }

    public static BufferedImage render(QualityEvaluation evaluation, int rowsPerDirection, int scale) {
        if (rowsPerDirection <= 0) {
            throw new IllegalArgumentException("rows per direction must be positive, got " + rowsPerDirection);
        }
        List<ImageResult> rows = new ArrayList<>();
        rows.addAll(evaluation.aToB().subList(0, Math.min(rowsPerDirection, evaluation.aToB().size())));
        rows.addAll(evaluation.bToA().subList(0, Math.min(rowsPerDirection, evaluation.bToA().size())));
        return render(rows, scale);
    }

    /** One row per result, in the given order. */
    public static BufferedImage render(List<ImageResult> rows, int scale) {
        if (rows.isEmpty() || scale <= 0) {
            throw new IllegalArgumentException("a contact sheet needs rows and a positive scale, got " + rows.size()
                    + " rows at scale " + scale);
        }
        int cellWidth = 0;
        int cellHeight = 0;
        for (ImageResult row : rows) {
            for (ChwImage image : cells(row)) {
                cellWidth = Math.max(cellWidth, image.width() * scale);
                cellHeight = Math.max(cellHeight, image.height() * scale);
            }
        }
        int width = COLUMNS * cellWidth + (COLUMNS + 1) * SEPARATOR;
        int height = rows.size() * cellHeight + (rows.size() + 1) * SEPARATOR;
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean line = x % (cellWidth + SEPARATOR) < SEPARATOR || y % (cellHeight + SEPARATOR) < SEPARATOR;
                sheet.setRGB(x, y, line ? SEPARATOR_RGB : 0);
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            ChwImage[] cells = cells(rows.get(r));
            for (int c = 0; c < COLUMNS; c++) {
                draw(sheet, ImageTensors.toImage(cells[c]), SEPARATOR + c * (cellWidth + SEPARATOR),
                        SEPARATOR + r * (cellHeight + SEPARATOR), scale);
            }
        }
        return sheet;
    }

    private static ChwImage[] cells(ImageResult row) {
        return new ChwImage[] {row.input(), row.translation(), row.reconstruction()};
    }

    private static void draw(BufferedImage sheet, BufferedImage image, int left, int top, int scale) {
        for (int y = 0; y < image.getHeight() * scale; y++) {
            for (int x = 0; x < image.getWidth() * scale; x++) {
                sheet.setRGB(left + x, top + y, image.getRGB(x / scale, y / scale));
            }
        }
    }
}
