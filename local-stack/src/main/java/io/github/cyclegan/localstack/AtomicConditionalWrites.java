package io.github.cyclegan.localstack;

import java.net.URI;

import org.gaul.s3proxy.PutOptions2;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.http.HttpCommand;
import org.jclouds.http.HttpRequest;
import org.jclouds.http.HttpResponse;
import org.jclouds.http.HttpResponseException;

/**
 * Makes S3's conditional writes ({@code If-None-Match: *}, {@code If-Match: etag}) atomic on the file system blob
 * store, as they are on AWS S3 and MinIO. S3Proxy emulates them for that store with a HEAD and then a PUT, so two
 * writers that race for the same key could both win; the system's version numbers rely on exactly one winning
 * (ModelVersions). Here every write of a key holds that key's lock while the condition is checked again and the
 * object written. A failed condition is a 412, which S3Proxy answers as {@code PreconditionFailed}.
 */
final class AtomicConditionalWrites extends ForwardingBlobStore {

    private static final int STRIPES = 64;

    private final Object[] locks = new Object[STRIPES];

    AtomicConditionalWrites(BlobStore delegate) {
        super(delegate);
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    @Override
    public String putBlob(String container, Blob blob) {
        return putBlob(container, blob, PutOptions.NONE);
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        String name = blob.getMetadata().getName();
        synchronized (lockOf(container, name)) {
            if (options instanceof PutOptions2 conditions) {
                check(container, name, conditions);
            }
            return delegate().putBlob(container, blob, options);
        }
    }

    @Override
    public void removeBlob(String container, String name) {
        synchronized (lockOf(container, name)) {
            delegate().removeBlob(container, name);
        }
    }

    private void check(String container, String name, PutOptions2 conditions) {
        String ifNoneMatch = conditions.getIfNoneMatch();
        String ifMatch = conditions.getIfMatch();
        if (ifNoneMatch == null && ifMatch == null) {
            return;
        }
        BlobMetadata current = delegate().blobMetadata(container, name);
        String etag = current == null ? null : unquoted(current.getETag());
        if (ifNoneMatch != null && current != null
                && (ifNoneMatch.equals("*") || unquoted(ifNoneMatch).equals(etag))) {
            throw preconditionFailed(container, name);
        }
        if (ifMatch != null && (current == null || !ifMatch.equals("*") && !unquoted(ifMatch).equals(etag))) {
            throw preconditionFailed(container, name);
        }
    }

    private Object lockOf(String container, String name) {
        return locks[Math.floorMod((container + '/' + name).hashCode(), STRIPES)];
    }

    private static String unquoted(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }

    private static HttpResponseException preconditionFailed(String container, String name) {
        HttpRequest request = HttpRequest.builder().method("PUT").endpoint(URI.create("http://local/" + container
                + "/" + name)).build();
        return new HttpResponseException(new HttpCommand(request),
                HttpResponse.builder().statusCode(412).message("Precondition Failed").build());
    }
}
