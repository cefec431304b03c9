package io.github.cyclegan.cli;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Progress for people and for logs: on a terminal one line rewritten in place ({@code \r}); otherwise (a pipe, a file,
 * a test) every update as a line of its own, so that nothing is lost and no control characters end up in logs.
 */
public final class ProgressLine {

    private static final int BAR_WIDTH = 20;

    private final PrintWriter out;
    private final boolean interactive;
    private int shown;

    public ProgressLine(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** In place when stdin and stdout are a terminal ({@link System#console()}), line by line otherwise. */
    public static ProgressLine of(PrintWriter out) {
        return new ProgressLine(out, System.console() != null);
    }

    /** Replaces the progress line (on a terminal) or prints it. */
    public void update(String line) {
        if (interactive) {
            out.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
            shown = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** A line only worth showing in place, such as a counter next to lines that say the same: a terminal only. */
    public void status(String line) {
        if (interactive) {
            update(line);
        }
    }

    /** A line that stays, printed above the progress line. */
    public void println(String line) {
        clear();
        out.println(line);
        out.flush();
    }

    /** Ends the progress line, so that what follows starts on a fresh line. */
    public void clear() {
        if (interactive && shown > 0) {
            out.print("\r" + " ".repeat(shown) + "\r");
            shown = 0;
            out.flush();
        }
    }

    /** {@code [#######-------------]  35%}. */
    public static String bar(long done, long total) {
        double fraction = total <= 0 ? 0 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + String.format("%3d%%",
                Math.round(fraction * 100));
    }

    /** {@code 1h 02m}, {@code 3m 05s}, {@code 12s}. */
    public static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return String.format("%dh %02dm", s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? String.format("%dm %02ds", s / 60, s % 60) : s + "s";
    }
}
