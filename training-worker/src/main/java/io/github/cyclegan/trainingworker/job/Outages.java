package io.github.cyclegan.trainingworker.job;

import io.github.cyclegan.storage.StorageException;
import java.nio.file.FileSystemException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a failure the infrastructure caused and will mend (storage or the broker unreachable, a full disk) from one
 * the job caused. The first kind must never end a job as FAILED: the job waits and resumes from its last checkpoint.
 */
final class Outages {

    private Outages() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StorageException storage && storage.isTransient()) {
                return true;
            }
            if (t instanceof RetriableException || t instanceof org.apache.kafka.common.errors.TimeoutException) {
                return true;
            }
            // ENOSPC: the dataset cache's disk is full; freeing space (or eviction by the next job) mends it.
            if (t instanceof FileSystemException fs && fs.getMessage() != null
                    && fs.getMessage().contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }
}
