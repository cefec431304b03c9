package io.github.cyclegan.cli;

import io.github.cyclegan.versions.VersionNotFoundException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Users get one line saying what went wrong, not a stack trace; {@code CYCLEGAN_DEBUG=1} brings
 * the stack trace back for bug reports.
 */
public final class FriendlyErrors implements IExecutionExceptionHandler {

    public static final int EXIT_FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        cli.getErr().println(cli.getColorScheme().errorText("error: " + describe(e)));
        if (System.getenv("CYCLEGAN_DEBUG") != null) {
            e.printStackTrace(cli.getErr());
        }
        return EXIT_FAILURE;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof VersionNotFoundException ? message + " (see ./cyclegan models)" : message;
    }
}
