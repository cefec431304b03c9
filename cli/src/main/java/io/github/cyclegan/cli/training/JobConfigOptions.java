package io.github.cyclegan.cli.training;

import io.github.cyclegan.messaging.ConfigOption;
import io.github.cyclegan.messaging.TrainingConfig;
import io.github.cyclegan.storage.S3Uri;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Adds an option per {@link TrainingConfig} option to a command before it parses, named, described and defaulted
 * as the config has it, so that the command line cannot drift from the job config. Values stay text until
 * {@link TrainingConfig#parse} checks them, so that a wrong one is reported as a job's would be.
 */
public final class JobConfigOptions implements IModelTransformer {

    @Override
    public CommandSpec transform(CommandSpec command) {
        for (ConfigOption option : TrainingConfig.options()) {
            boolean flag = option.type() == boolean.class;
            command.addOption(OptionSpec.builder(name(option))
                    .type(String.class)
                    .arity(flag ? "0..1" : "1")
                    .fallbackValue(flag ? "true" : "")
                    .paramLabel(label(option))
                    .description(help(option))
                    .build());
        }
        return command;
    }

    /** The option for a config key: its camelCase in kebab case, as the reference's --n_epochs is --n-epochs. */
    public static String name(ConfigOption option) {
        return "--" + option.key().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    /** The config options given on the command line, by key, as typed. */
    static Map<String, String> given(CommandSpec command) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ConfigOption option : TrainingConfig.options()) {
            String value = command.findOption(name(option)).getValue();
            if (value != null) {
                values.put(option.key(), value);
            }
        }
        return values;
    }

    private static String label(ConfigOption option) {
        Class<?> type = option.type();
        if (type.isEnum()) {
            return "NAME";
        }
        if (type == boolean.class) {
            return "true|false";
        }
        if (type == S3Uri.class) {
            return "URI";
        }
        return type == double.class ? "X" : "N";
    }

    private static String help(ConfigOption option) {
        return option.key() + ": " + option.description() + ". Accepts " + option.accepted()
                + option.defaultValue().map(value -> "; default: " + value).orElse("") + ".";
    }
}
