package io.github.cyclegan.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a worker reads, taken from its code: the keys of its application.properties (outside %profiles) and of its
 * {@code @ConfigMapping} interfaces, the same of the worker-runtime module both workers share (its defaults are in
 * META-INF/microprofile-config.properties), plus the few well-known keys that Quarkus and the Kafka connector read
 * without either naming them.
 */
enum Worker {
    TRAINING("training-worker"), INFERENCE("inference-worker");

    /** Constants the constructors use (an enum's own static fields are not set yet when its constants are built). */
    private static final class Code {
        /** The module whose configuration both workers share. */
        static final String SHARED = "worker-runtime";
        /** Read by Quarkus itself or by Kafka's clients, never declared in our files. */
        static final Set<String> FRAMEWORK_KEYS = Set.of("quarkus.http.port", "kafka.bootstrap.servers");
        static final Pattern MAPPING_PREFIX = Pattern.compile("@ConfigMapping\\(prefix = \"([a-z.-]+)\"\\)");
        /** An abstract accessor: annotations, a return type, a name, no parameters, no body. */
        static final Pattern ACCESSOR = Pattern.compile("^\\s*(?:@\\w+(?:\\([^)]*\\))?\\s+)*[\\w.<>, ?]+\\s+(\\w+)\\(\\);\\s*$");
    }

    final String module;
    private final Properties properties;
    private final Set<String> keys;

    Worker(String module) {
        this.module = module;
        this.properties = new Properties();
        try {
            // The worker's own file wins over the shared defaults, as its config ordinal does at run time.
            properties.load(new StringReader(Repo.read(Code.SHARED
                    + "/src/main/resources/META-INF/microprofile-config.properties")));
            properties.load(new StringReader(Repo.read(module + "/src/main/resources/application.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> all = new TreeSet<>(Code.FRAMEWORK_KEYS);
        properties.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(all::add);
        all.addAll(configMappingKeys(Repo.ROOT.resolve(module + "/src/main/java")));
        all.addAll(configMappingKeys(Repo.ROOT.resolve(Code.SHARED + "/src/main/java")));
        this.keys = Set.copyOf(all);
    }

    /** Every key this worker reads. */
    Set<String> keys() {
        return keys;
    }

    /** The default from application.properties (no profile), or null. */
    String property(String key) {
        return properties.getProperty(key);
    }

    Duration durationProperty(String key) {
        return Duration.parse(property(key));
    }

    /** The MicroProfile Config rule: non-alphanumerics become '_', then upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The property an environment variable sets for this worker, or null when it names none. */
    String propertyOf(String envVar) {
        return keys.stream().filter(k -> envName(k).equals(envVar)).findFirst().orElse(null);
    }

    static Set<String> configMappingKeys(Path sources) {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher prefix = Code.MAPPING_PREFIX.matcher(source);
                if (!prefix.find()) {
                    continue;
                }
                if (source.contains("@WithName") || source.contains("@WithParentName")) {
                    throw new AssertionError(file + ": @WithName is not understood by this check; extend Worker");
                }
                for (String line : source.lines().toList()) {
                    Matcher accessor = Code.ACCESSOR.matcher(line);
                    if (accessor.matches() && !line.contains(" default ") && !line.contains("static ")) {
                        keys.add(prefix.group(1) + "." + kebab(accessor.group(1)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /** SmallRye Config's default naming of a mapping method: maxBatchSize -> max-batch-size. */
    static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static Worker ofModule(String module) {
        for (Worker w : values()) {
            if (w.module.equals(module)) {
                return w;
            }
        }
        throw new AssertionError("no worker module " + module);
    }
}
