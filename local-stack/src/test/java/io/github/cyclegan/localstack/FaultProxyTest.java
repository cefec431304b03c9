package io.github.cyclegan.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy against an echo server: what passes, what is held, what is refused and what is cut. */
class FaultProxyTest {
    private static final String HOST = "127.0.0.1";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How long a read waits before concluding that the proxy holds the bytes back. */
    private static final int HELD_MILLIS = 300;

    private ServerSocket echo;
    private FaultProxy proxy;
    private final List<Socket> clients = new ArrayList<>();

    @BeforeEach
    void startEchoServerAndProxy() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getByName(HOST));
        Thread acceptor = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket socket = echo.accept();
                    Thread echoer = new Thread(() -> echo(socket), "echo");
                    echoer.setDaemon(true);
                    echoer.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        proxy = FaultProxy.start("echo", HOST, 0, HOST, echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
        proxy.close();
        echo.close();
    }

    @Test
    void passesBytesBothWaysAndCountsConnections() throws IOException {
        Socket client = connect();
        assertThat(roundTrip(client, "hello")).isEqualTo("hello");
        assertThat(roundTrip(client, "again")).isEqualTo("again");
        assertThat(proxy.acceptedConnections()).isEqualTo(1);
        await().atMost(TIMEOUT).until(() -> proxy.openConnections() == 1);
    }

    @Test
    void aFrozenProxyHoldsTheBytesOfCurrentAndNewConnectionsUntilItPassesAgain() throws IOException {
        Socket before = connect();
        assertThat(roundTrip(before, "warm")).isEqualTo("warm");

        proxy.freeze();
        Socket during = connect();
        send(before, "held-1");
        send(during, "held-2");
        assertThat(proxy.isFrozen()).isTrue();
        assertNothingArrives(before);
        assertNothingArrives(during);

        proxy.pass();
        assertThat(read(before, "held-1".length())).isEqualTo("held-1");
        assertThat(read(during, "held-2".length())).isEqualTo("held-2");
    }

    @Test
    void refusingClosesTheDoorButKeepsCurrentConnections() throws IOException {
        Socket current = connect();
        assertThat(roundTrip(current, "one")).isEqualTo("one");

        proxy.refuse();
        assertThat(proxy.isRefusing()).isTrue();
        assertThatThrownBy(() -> new Socket(HOST, proxy.port())).isInstanceOf(ConnectException.class);
        assertThat(roundTrip(current, "two")).isEqualTo("two");

        proxy.pass();
        assertThat(roundTrip(connect(), "three")).isEqualTo("three");
    }

    @Test
    void cuttingResetsEveryCurrentConnectionAndNewOnesWork() throws IOException {
        Socket first = connect();
        Socket second = connect();
        assertThat(roundTrip(first, "a")).isEqualTo("a");
        assertThat(roundTrip(second, "b")).isEqualTo("b");

        proxy.cutConnections();

        for (Socket cut : List.of(first, second)) {
            cut.setSoTimeout((int) TIMEOUT.toMillis());
            assertThat(endsOrFails(cut)).as("the cut connection ended").isTrue();
        }
        assertThat(proxy.openConnections()).isZero();
        assertThat(roundTrip(connect(), "c")).isEqualTo("c");
    }

    @Test
    void aDelayedProxyStillPassesEverythingInOrder() throws IOException {
        proxy.delay(Duration.ofMillis(50));
        Socket client = connect();
        long start = System.nanoTime();
        assertThat(roundTrip(client, "slow")).isEqualTo("slow");
        // Two hops (there and back), each held at least the delay: a lower bound, whatever the machine's speed.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        proxy.pass();
        assertThat(roundTrip(client, "fast")).isEqualTo("fast");
    }

    @Test
    void aServerThatIsDownBehindTheProxyResetsNewConnections() throws IOException {
        echo.close();
        Socket client = connect();
        client.setSoTimeout((int) TIMEOUT.toMillis());
        assertThat(endsOrFails(client)).isTrue();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(HOST, proxy.port());
        clients.add(socket);
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        send(socket, text);
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        return read(socket, text.length());
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String read(Socket socket, int length) throws IOException {
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        byte[] bytes = socket.getInputStream().readNBytes(length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Nothing arrives within a short wait. Only ever fails when the proxy lets bytes through: a slow machine makes a
     * frozen proxy look no less frozen.
     */
    private static void assertNothingArrives(Socket socket) throws IOException {
        socket.setSoTimeout(HELD_MILLIS);
        InputStream in = socket.getInputStream();
        assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
    }

    private static boolean endsOrFails(Socket socket) {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void echo(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // The client or the proxy went away.
        }
    }
}
