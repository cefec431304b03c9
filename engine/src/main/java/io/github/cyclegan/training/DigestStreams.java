package io.github.cyclegan.training;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/** SHA-256 of checkpoint files, computed while they stream, without holding them. */
final class DigestStreams {

    private DigestStreams() {
    }

    /**
     * {@code in}, a file of {@code length} bytes, telling {@code onEnd} its size and SHA-256 once all of it has been
     * read (a reader that stops at the announced length without asking for more still counts); a stream closed
     * earlier tells nothing. More bytes than announced fail the read.
     */
    static InputStream digesting(InputStream in, String name, long length, Consumer<CheckpointManifest.FileDigest> onEnd) {
        return new Digesting(in, name, length, false, onEnd);
    }

    /** {@code in}, failing with a {@link CorruptCheckpointException} at its end when it is not {@code expected}. */
    static InputStream verifying(InputStream in, String name, CheckpointManifest.FileDigest expected) {
        return new Digesting(in, name, expected.bytes(), true, actual -> {
            if (!actual.equals(expected)) {
                throw new Mismatch(name + " has " + actual.bytes() + " bytes with SHA-256 " + actual.sha256() + ", but "
                        + CheckpointManifest.FILE + " says " + expected.bytes() + " bytes with SHA-256 "
                        + expected.sha256());
            }
        });
    }

    /** The size and SHA-256 of a whole stream, which this closes. */
    static CheckpointManifest.FileDigest of(InputStream in, String name) throws IOException {
        CheckpointManifest.FileDigest[] digest = new CheckpointManifest.FileDigest[1];
        try (InputStream digesting = new Digesting(in, name, -1, false, d -> digest[0] = d)) {
            digesting.transferTo(OutputStream.nullOutputStream());
        }
        return digest[0];
    }

    /** A digest that disagrees with the manifest, thrown by the callback and rethrown as the checked exception. */
    private static final class Mismatch extends RuntimeException {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Digesting extends FilterInputStream {
        private final MessageDigest digest;
        private final String name;
        private final long expected;
        private final boolean corruptWhenLonger;
        private final Consumer<CheckpointManifest.FileDigest> onEnd;
        private long bytes;
        private boolean ended;

        Digesting(InputStream in, String name, long expected, boolean corruptWhenLonger,
                Consumer<CheckpointManifest.FileDigest> onEnd) {
            super(in);
            this.name = name;
            this.expected = expected;
            this.corruptWhenLonger = corruptWhenLonger;
            this.onEnd = onEnd;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JVM", e);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n;
            do {
                n = read(one, 0, 1);
            } while (n == 0);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                if (ended || expected >= 0 && bytes + n > expected) {
                    String message = name + " is longer than " + expected + " bytes";
                    throw corruptWhenLonger ? new CorruptCheckpointException(message) : new IOException(message);
                }
                digest.update(b, off, n);
                bytes += n;
                if (bytes == expected) {
                    end();
                }
            } else if (n < 0 && !ended) {
                end();
            }
            return n;
        }

        private void end() throws CorruptCheckpointException {
            ended = true;
            try {
                onEnd.accept(new CheckpointManifest.FileDigest(bytes, HexFormat.of().formatHex(digest.digest())));
            } catch (Mismatch e) {
                throw new CorruptCheckpointException(e.getMessage());
            }
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes would be missing from the digest: read them instead.
            byte[] buffer = new byte[(int) Math.max(1, Math.min(n, 8192))];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public synchronized void mark(int readlimit) {
        }

        @Override
        public synchronized void reset() throws IOException {
            throw new IOException("mark/reset not supported");
        }
    }
}
