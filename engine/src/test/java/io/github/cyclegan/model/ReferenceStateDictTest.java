package io.github.cyclegan.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import io.github.cyclegan.messaging.options.DiscriminatorArchitecture;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.messaging.options.NormType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every architecture in the reference's state-dict listing, built here with the same settings. */
class ReferenceStateDictTest {

    private static final Pattern ENTRIES = Pattern.compile("(?:entries: (\\d+))|(?:(\\d+) entries)");
    private static final Pattern PARAMETERS = Pattern.compile("(?:parameters: (\\d+))|(?:(\\d+) parameters)");

    /** Section titles of the listing and the network each describes. */
    private static final Map<String, Supplier<CycleGanNetwork>> NETWORKS = new LinkedHashMap<>();

    static {
        GeneratorSpec g = GeneratorSpec.defaults();
        DiscriminatorSpec d = DiscriminatorSpec.defaults();
        NETWORKS.put("ResnetGenerator(3,3,ngf=64,instance,no dropout,n_blocks=9)", () -> Networks.generator(g));
        NETWORKS.put("NLayerDiscriminator(3,ndf=64,n_layers=3,instance)", () -> Networks.discriminator(d));
        NETWORKS.put("ResnetGenerator ngf=64 n_blocks=6 (resnet_6blocks)",
                () -> Networks.generator(g.withArchitecture(GeneratorArchitecture.RESNET_6BLOCKS)));
        NETWORKS.put("UnetGenerator num_downs=8 ngf=64 (unet_256)",
                () -> Networks.generator(g.withArchitecture(GeneratorArchitecture.UNET_256)));
        NETWORKS.put("UnetGenerator num_downs=7 ngf=64 (unet_128)",
                () -> Networks.generator(g.withArchitecture(GeneratorArchitecture.UNET_128)));
        NETWORKS.put("PixelDiscriminator ndf=64 (pixel)",
                () -> Networks.discriminator(d.withArchitecture(DiscriminatorArchitecture.PIXEL)));
        NETWORKS.put("NLayerDiscriminator ndf=64 n_layers=5",
                () -> Networks.discriminator(d.withArchitecture(DiscriminatorArchitecture.N_LAYERS).withLayers(5)));
        NETWORKS.put("ResnetGenerator ngf=64 n_blocks=9 norm=batch",
                () -> Networks.generator(g.withNorm(NormType.BATCH)));
    }

    record Section(String title, long entries, long parameters, List<String> keys, List<Shape> shapes) {
        @Override
        public String toString() {
            return title;
        }
    }

    static List<Section> sections() throws IOException {
        List<Section> sections = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(
                        ReferenceStateDictTest.class.getResourceAsStream("/reference/state-dict-keys.txt"));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String title = null;
            StringBuilder header = new StringBuilder();
            List<String> keys = new ArrayList<>();
            List<Shape> shapes = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("# ")) {
                    String text = line.substring(2);
                    if (title == null || !keys.isEmpty()) {
                        if (title != null) {
                            sections.add(section(title, header, keys, shapes));
                        }
                        title = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
                        header = new StringBuilder(text);
                        keys = new ArrayList<>();
                        shapes = new ArrayList<>();
                    } else {
                        header.append(' ').append(text);
                    }
                } else if (!line.isBlank()) {
                    String[] fields = line.split("\t");
                    keys.add(fields[0]);
                    shapes.add(parseShape(fields[1]));
                }
            }
            sections.add(section(title, header, keys, shapes));
        }
        return sections;
    }

    private static Section section(String title, CharSequence header, List<String> keys, List<Shape> shapes) {
        return new Section(title, number(ENTRIES, header), number(PARAMETERS, header), keys, shapes);
    }

    private static long number(Pattern pattern, CharSequence text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("'%s' in %s", pattern, text).isTrue();
        return Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
    }

    private static Shape parseShape(String text) {
        String inner = text.trim().replaceAll("^\\[|\\]$", "").trim();
        if (inner.isEmpty()) {
            return new Shape();
        }
        return new Shape(Stream.of(inner.split(",")).mapToLong(s -> Long.parseLong(s.trim())).toArray());
    }

    @Test
    void everyListedArchitectureIsCovered() throws IOException {
        assertThat(sections()).extracting(Section::title).containsExactlyElementsOf(NETWORKS.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sections")
    void keysShapesAndParameterCountMatchTheReference(Section section) {
        CycleGanNetwork network = NETWORKS.get(section.title()).get();
        List<StateDictEntry> entries = network.stateDict();

        assertThat(entries).hasSize(section.keys().size()).hasSize((int) section.entries());
        assertThat(entries).extracting(StateDictEntry::key).containsExactlyElementsOf(section.keys());
        assertThat(entries).extracting(StateDictEntry::shape).containsExactlyElementsOf(section.shapes());
        assertThat(network.parameterCount()).isEqualTo(section.parameters());
        assertThat(entries.stream().map(e -> e.parameter().getShape()).collect(Collectors.toList()))
                .as("DJL parameters hold the reference's shapes")
                .containsExactlyElementsOf(section.shapes());
    }
}
