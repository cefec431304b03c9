package io.github.cyclegan.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.LocalStackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./cyclegan local}: the {@link LocalSystem} in the foreground, until Ctrl-C. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run the whole system on 127.0.0.1 until Ctrl-C: a real Apache Kafka broker (KRaft), an "
                + "S3-compatible server (S3Proxy), one training worker and one inference worker (the packaged "
                + "builds, logging into --data-dir). Prints 'ready' once both workers report ready. Data is kept in "
                + "--data-dir, so a restart finds topics, objects and models again.")
final class LocalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--kafka-port", defaultValue = "" + LocalStackConfig.DEFAULT_KAFKA_PORT,
            description = "Kafka listener port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--s3-port", defaultValue = "" + LocalStackConfig.DEFAULT_S3_PORT,
            description = "S3 endpoint port (default: ${DEFAULT-VALUE}).")
    int s3Port;

    @Option(names = "--data-dir", defaultValue = "${env:CYCLEGAN_HOME:-.}/.local-stack",
            description = "Where Kafka logs and S3 objects are kept (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--access-key", defaultValue = LocalStackConfig.DEFAULT_ACCESS_KEY,
            description = "S3 access key the server accepts (default: ${DEFAULT-VALUE}).")
    String accessKey;

    @Option(names = "--secret-key", defaultValue = LocalStackConfig.DEFAULT_SECRET_KEY,
            description = "S3 secret key the server accepts (default: ${DEFAULT-VALUE}).")
    String secretKey;

    @Option(names = "--no-workers", negatable = false,
            description = "Run only Kafka and S3, without the training and inference workers.")
    boolean noWorkers;

    @Option(names = "--training-port", defaultValue = "" + LocalSystem.DEFAULT_TRAINING_PORT,
            description = "HTTP port of the training worker's /q/health and /q/metrics (default: ${DEFAULT-VALUE}).")
    int trainingPort;

    @Option(names = "--inference-port", defaultValue = "" + LocalSystem.DEFAULT_INFERENCE_PORT,
            description = "HTTP port of the inference worker's /q/health and /q/metrics (default: ${DEFAULT-VALUE}).")
    int inferencePort;

    @Option(names = "--home", defaultValue = "${env:CYCLEGAN_HOME:-.}",
            description = "The checkout whose training-worker/target and inference-worker/target hold the packaged "
                    + "workers (default: ${DEFAULT-VALUE}; ./cyclegan sets CYCLEGAN_HOME).")
    Path home;

    @Override
    public Integer call() throws Exception {
        LocalStackConfig stackConfig = new LocalStackConfig(LocalStackConfig.DEFAULT_HOST, kafkaPort, s3Port, dataDir,
                accessKey, secretKey);
        requireFree(stackConfig.host(), kafkaPort, "--kafka-port");
        requireFree(stackConfig.host(), s3Port, "--s3-port");
        if (!noWorkers) {
            requireFree(stackConfig.host(), trainingPort, "--training-port");
            requireFree(stackConfig.host(), inferencePort, "--inference-port");
        }
        PrintWriter out = spec.commandLine().getOut();
        LocalSystem system = LocalSystem.start(new LocalSystem.Config(stackConfig, !noWorkers, home, trainingPort,
                inferencePort), out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println(noWorkers ? "Stopping Kafka and S3 ..." : "Stopping the workers, then Kafka and S3 ...");
            out.flush();
            system.close();
            out.println("Stopped; data kept in " + stackConfig.dataDir());
            out.flush();
            stopped.countDown();
        }, "local-system-stop"));

        printEndpoints(out, system);
        stopped.await();
        return 0;
    }

    private void printEndpoints(PrintWriter out, LocalSystem system) {
        LocalStack stack = system.stack();
        out.printf("  Kafka bootstrap servers : %s%n", stack.kafkaBootstrapServers());
        out.printf("  S3 endpoint             : %s%n", stack.s3Endpoint());
        out.printf("  S3 access key           : %s%n", stack.accessKey());
        out.printf("  S3 secret key           : %s%n", stack.secretKey());
        out.printf("  S3 region               : %s%n", LocalStack.REGION);
        system.workerUrls().forEach((name, url) -> out.printf("  %-23s : %s (/q/health, /q/metrics)%n", name, url));
        out.println();
        out.println("To point workers and clients at it from another shell:");
        stack.clientEnvironment().forEach((name, value) -> out.printf("  export %s=%s%n", name, value));
        out.println();
        out.println(noWorkers ? "ready (Kafka and S3 only)" : "ready: try ./cyclegan dataset upload, train, translate");
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private void requireFree(String host, int port, String option) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(),
                    "port " + port + " on " + host + " is already in use; is another local stack running? "
                            + "Choose another with " + option);
        }
    }
}
