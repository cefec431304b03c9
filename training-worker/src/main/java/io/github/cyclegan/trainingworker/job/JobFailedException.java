package io.github.cyclegan.trainingworker.job;

/** The job cannot run as submitted; its message goes verbatim into the FAILED event. */
public class JobFailedException extends RuntimeException {

    public JobFailedException(String message) {
        super(message);
    }

    public JobFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
