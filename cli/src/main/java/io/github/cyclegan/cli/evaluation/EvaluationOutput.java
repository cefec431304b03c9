package io.github.cyclegan.cli.evaluation;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.cyclegan.evaluation.ContactSheet;
import io.github.cyclegan.evaluation.QualityEvaluation;

/** Where an evaluation ends up: the table on the terminal, the report as JSON and a contact sheet next to it. */
public final class EvaluationOutput {

    public static final String REPORT = "quality.json";
    public static final String CONTACT_SHEET = "contact-sheet.png";
    /** 28 px Fashion-MNIST images are too small to judge at their own size; 4x nearest-neighbour keeps them sharp. */
    private static final int SMALL_IMAGE_SCALE = 4;
    private static final int SMALL_IMAGE = 64;

    private EvaluationOutput() {
    }

    /** Writes {@value #REPORT} and {@value #CONTACT_SHEET} into {@code folder} and prints the table. */
    public static void write(QualityEvaluation evaluation, Path folder, int rowsPerDirection, PrintWriter out)
            throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(REPORT), evaluation.report().toJson(), StandardCharsets.UTF_8);
        int size = evaluation.aToB().get(0).input().width();
        Files.write(folder.resolve(CONTACT_SHEET),
                ContactSheet.png(evaluation, rowsPerDirection, size <= SMALL_IMAGE ? SMALL_IMAGE_SCALE : 1));
        out.println(evaluation.report().toTable());
        out.println("report: " + folder.resolve(REPORT));
        out.println("contact sheet (rows: input | translation | reconstruction): " + folder.resolve(CONTACT_SHEET));
        out.flush();
    }
}
