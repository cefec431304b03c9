package io.github.cyclegan.cli.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cyclegan.cli.CliSystem;
import io.github.cyclegan.cli.CycleganCli;
import io.github.cyclegan.messaging.ConfigOption;
import io.github.cyclegan.messaging.TrainingConfig;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.messaging.options.OptionName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code train}'s options are TrainingConfig's, and a bad config stops it before it connects to anything. */
class TrainOptionsTest {

    @Test
    void everyConfigKeyHasAnOptionDescribedAndDefaultedAsTheConfigSays() {
        CommandSpec train = train().getCommandSpec();

        for (ConfigOption option : TrainingConfig.options()) {
            OptionSpec spec = train.findOption(JobConfigOptions.name(option));
            assertThat(spec).as("option for %s", option.key()).isNotNull();
            String help = String.join(" ", spec.description());
            assertThat(help).startsWith(option.key() + ": " + option.description() + ". Accepts " + option.accepted());
            option.defaultValue().ifPresent(value -> assertThat(help).endsWith("; default: " + value + "."));
        }
        assertThat(train.findOption("--n-epochs-decay").description()[0]).isEqualTo("nEpochsDecay: epochs of linear "
                + "decay to 0 after them. Accepts integer from 0 to 10000; default: 100.");
        assertThat(CliSystem.runAlone("train", "--help").out()).contains("--net-g=NAME", "--n-layers-d=N", "--lr=X",
                "--no-flip[=true|false]", "--init-from=URI");
    }

    @Test
    void optionsAndConfigPairsMakeTheJobConfigTheKeyOptionsWinning() {
        CommandLine cli = CycleganCli.commandLine();
        cli.parseArgs("train", "--model", "m", "--dataset", "d", "--net-g", "unet_128", "--load-size", "128", "--crop-size",
                "128", "--no-flip", "--config", "ngf=8", "--config", "lr=0.001", "--ngf", "16", "--config",
                "inputNc=1", "--output-nc", "1", "--init-from", "s3://bkt/w/", "--seed", "-2");

        TrainingConfig config = ((TrainCommand) cli.getSubcommands().get("train").getCommand()).jobConfig();

        assertThat(config).isEqualTo(TrainingConfig.of(Map.of("netG", GeneratorArchitecture.UNET_128, "loadSize", 128,
                "cropSize", 128, "noFlip", true, "ngf", 16, "lr", 0.001, "inputNc", 1, "outputNc", 1,
                "initFrom", "s3://bkt/w/", "seed", -2)));
    }

    @Test
    void aBadKeyOrValueIsAUsageErrorNamingTheKeyBeforeAnythingIsSent() {
        assertUsageError("config.learningRate: unknown option; known options are netG, netD,", "--config",
                "learningRate=0.1");
        assertUsageError("config.lrPolicy: unknown lr policy 'sawtooth'; expected one of linear, step, plateau, cosine",
                "--config", "lrPolicy=sawtooth");
        assertUsageError("config.ngf: expected an integer, got \"wide\"", "--ngf", "wide");
        assertUsageError("config.batchSize: must be an integer from 1 to 64, got 1000", "--batch-size", "1000");
        assertUsageError("config.cropSize: 300 is larger than loadSize 286", "--crop-size", "300");
    }

    /** {@code --arch}, {@code --netG} and {@code --net-g} once named the same thing in different commands. */
    @Test
    void everyCommandSpellsAConfigOptionAsTrainDoes() {
        List<String> checked = new ArrayList<>();
        for (CommandSpec command : commands(CycleganCli.commandLine().getCommandSpec(), new ArrayList<>())) {
            for (OptionSpec spec : command.options()) {
                TrainingConfig.options().stream()
                        .filter(option -> OptionName.class.isAssignableFrom(option.type()) && option.type() == spec.type())
                        .forEach(option -> {
                            assertThat(spec.longestName()).as("%s %s", command.qualifiedName(), spec.longestName())
                                    .isEqualTo(JobConfigOptions.name(option));
                            checked.add(command.qualifiedName() + " " + spec.longestName());
                        });
            }
        }
        assertThat(checked).contains("cyclegan models import --net-g", "cyclegan models import --norm",
                "cyclegan bench model --net-g", "cyclegan bench inference --net-g");
    }

    private static void assertUsageError(String message, String... options) {
        List<String> args = new ArrayList<>(List.of("train", "--model", "m", "--dataset", "d", "--bootstrap-servers",
                "127.0.0.1:1"));
        args.addAll(List.of(options));
        CliSystem.Result result = CliSystem.runAlone(args.toArray(String[]::new));
        assertThat(result.exit()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).startsWith(message).contains("Usage: cyclegan train");
    }

    private static List<CommandSpec> commands(CommandSpec command, List<CommandSpec> all) {
        all.add(command);
        command.subcommands().values().forEach(sub -> commands(sub.getCommandSpec(), all));
        return all;
    }

    private static CommandLine train() {
        return CycleganCli.commandLine().getSubcommands().get("train");
    }
}
