package io.github.cyclegan.weights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.data.Offset;

/**
 * The PyTorch-made fixtures of src/test/resources (see interop/make_fixtures.py and
 * model/parity/make_parity_fixtures.py), shared with the pth-import tests through this module's test jar.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path path(String name) {
        return resource("/interop/" + name);
    }

    /**
     * A test resource as a file: in place when it is one, else (the pth-import tests read this module's test jar)
     * copied out under {@code java.io.tmpdir}, since the readers under test take paths.
     */
    public static Path resource(String resource) {
        URL url = Fixtures.class.getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            Path copy = Files.createTempFile("fixture-", "-" + Path.of(resource).getFileName());
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            copy.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** tiny_expected.json: each key's shape and row-major values, as PyTorch computed them. */
    public static Map<String, NamedTensor> expected() {
        return expected("tiny_expected.json");
    }

    public static Map<String, NamedTensor> expected(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/interop/" + resource)) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, NamedTensor> tensors = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode shape = entry.getValue().get("shape");
                JsonNode values = entry.getValue().get("values");
                long[] dims = new long[shape.size()];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = shape.get(i).asLong();
                }
                float[] data = new float[values.size()];
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) values.get(i).asDouble();
                }
                tensors.put(entry.getKey(), new NamedTensor(entry.getKey(), dims, data));
            }
            return tensors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Same keys (in any order), shapes, and values within 1e-6. */
    public static void assertMatchesExpected(Map<String, NamedTensor> actual, Map<String, NamedTensor> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (NamedTensor want : expected.values()) {
            NamedTensor got = actual.get(want.name());
            assertThat(got.name()).isEqualTo(want.name());
            assertThat(got.shape()).as(want.name()).containsExactly(want.shape());
            float[] gotData = got.data();
            float[] wantData = want.data();
            for (int i = 0; i < wantData.length; i++) {
                assertThat(gotData[i]).as("%s[%d]", want.name(), i)
                        .isCloseTo(wantData[i], Offset.offset(1e-6f));
            }
        }
    }
}
