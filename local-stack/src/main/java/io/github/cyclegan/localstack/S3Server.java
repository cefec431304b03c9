package io.github.cyclegan.localstack;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3-compatible HTTP server (S3Proxy) storing objects as plain files, so that buckets
 * and objects survive a restart and can be inspected on disk.
 */
final class S3Server implements AutoCloseable {

    private static final String BLOBSTORE_PROVIDER = "filesystem-nio2";
    private static final String BASEDIR_PROPERTY = "jclouds.filesystem.basedir";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;

    private S3Server(S3Proxy proxy, BlobStoreContext context, URI endpoint) {
        this.proxy = proxy;
        this.context = context;
        this.endpoint = endpoint;
    }

    static S3Server start(String host, int requestedPort, Path baseDir, String accessKey, String secretKey)
            throws Exception {
        Files.createDirectories(baseDir);
        Properties overrides = new Properties();
        overrides.setProperty(BASEDIR_PROPERTY, baseDir.toString());
        // The filesystem blob store ignores these, but jclouds refuses to build a context without them.
        BlobStoreContext context = ContextBuilder.newBuilder(BLOBSTORE_PROVIDER)
                .credentials("unused", "unused")
                .overrides(overrides)
                .build(BlobStoreContext.class);
        int port = FreePorts.resolve(host, requestedPort);
        URI endpoint = URI.create("http://" + host + ":" + port);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new AtomicConditionalWrites(context.getBlobStore()))
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            proxy.start();
            awaitStarted(proxy);
        } catch (Exception e) {
            context.close();
            throw e;
        }
        return new S3Server(proxy, context, endpoint);
    }

    private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(20);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
