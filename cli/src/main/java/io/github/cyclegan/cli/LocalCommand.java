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

/** {@code ./cyclegan local}: a real Kafka broker and S3 server on this machine, until Ctrl-C. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run a real Apache Kafka broker (KRaft) and an S3-compatible server (S3Proxy) on 127.0.0.1 "
                + "until Ctrl-C. Data is kept in --data-dir, so a restart finds topics and objects again.")
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

    @Override
    public Integer call() throws InterruptedException {
        LocalStackConfig config = new LocalStackConfig(LocalStackConfig.DEFAULT_HOST, kafkaPort, s3Port, dataDir,
                accessKey, secretKey);
        requireFree(config.host(), kafkaPort, "--kafka-port");
        requireFree(config.host(), s3Port, "--s3-port");
        PrintWriter out = spec.commandLine().getOut();
        out.println("Starting Kafka (KRaft) and S3 in " + config.dataDir() + " ...");
        out.flush();

        LocalStack stack = LocalStack.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping ...");
            out.flush();
            stack.close();
            out.println("Stopped; data kept in " + config.dataDir());
            out.flush();
            stopped.countDown();
        }, "local-stack-stop"));

        printEndpoints(out, stack);
        stopped.await();
        return 0;
    }

    private void printEndpoints(PrintWriter out, LocalStack stack) {
        out.printf("Local stack is up in %.1f s.%n", stack.startupTime().toMillis() / 1000.0);
        out.printf("  Kafka bootstrap servers : %s%n", stack.kafkaBootstrapServers());
        out.printf("  S3 endpoint             : %s%n", stack.s3Endpoint());
        out.printf("  S3 access key           : %s%n", stack.accessKey());
        out.printf("  S3 secret key           : %s%n", stack.secretKey());
        out.printf("  S3 region               : %s%n", LocalStack.REGION);
        out.println();
        out.println("To point workers and clients at it from another shell:");
        stack.clientEnvironment().forEach((name, value) -> out.printf("  export %s=%s%n", name, value));
        out.println();
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
