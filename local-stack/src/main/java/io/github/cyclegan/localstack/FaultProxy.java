package io.github.cyclegan.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in this JVM in front of one server, for tests that need real network faults: it relays bytes both ways
 * until told to {@link #refuse()} new connections, {@link #freeze()} every connection (accepted, but no byte passes),
 * {@link #delay(Duration)} every chunk, or {@link #cutConnections()} (each current connection is reset on both sides).
 * {@link #pass()} relays normally again; a frozen connection that survived resumes where it stopped.
 *
 * <p>One thread accepts, and each connection has one thread per direction: the proxy carries a test's few dozen
 * connections, not production traffic. When the server behind it is down, a new connection is accepted and then reset,
 * as a load balancer in front of a dead backend does.
 */
public final class FaultProxy implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;
    private static final int UPSTREAM_CONNECT_TIMEOUT_MILLIS = 5_000;

    private final String name;
    private final String host;
    private final int port;
    private final String targetHost;
    private final int targetPort;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicInteger threadNumber = new AtomicInteger();
    /** Guards the fields below; its monitor wakes frozen relays when the state changes. */
    private final Object lock = new Object();
    private ServerSocket listener;
    private boolean frozen;
    private long delayNanos;
    private boolean closed;

    private FaultProxy(String name, String host, int port, String targetHost, int targetPort) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /**
     * Listens on {@code host:port} (0: a free port) and relays every connection to {@code targetHost:targetPort}. The
     * target need not be up yet.
     */
    public static FaultProxy start(String name, String host, int port, String targetHost, int targetPort) {
        FaultProxy proxy = new FaultProxy(name, host, FreePorts.resolve(host, port), targetHost, targetPort);
        synchronized (proxy.lock) {
            proxy.listen();
        }
        return proxy;
    }

    public int port() {
        return port;
    }

    /** {@code host:port} as clients name it. */
    public String address() {
        return host + ":" + port;
    }

    /** Relays normally: listening, nothing frozen, no delay. */
    public void pass() {
        synchronized (lock) {
            requireOpen();
            frozen = false;
            delayNanos = 0;
            if (listener == null) {
                listen();
            }
            lock.notifyAll();
        }
    }

    /**
     * Stops listening, so that new connections are refused by the operating system (ECONNREFUSED, as from a host
     * whose server is down); current connections keep relaying. Combine with {@link #cutConnections()} for a full
     * outage.
     */
    public void refuse() {
        synchronized (lock) {
            requireOpen();
            closeListener();
        }
    }

    /**
     * Keeps accepting connections but passes no byte on any of them, current or new, until {@link #pass()}: what a
     * hung server or a black-holed route looks like to a client, which notices only through its own timeouts.
     */
    public void freeze() {
        synchronized (lock) {
            requireOpen();
            frozen = true;
            if (listener == null) {
                listen();
            }
        }
    }

    /** Holds every chunk of bytes this long before passing it on, in both directions. */
    public void delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        synchronized (lock) {
            requireOpen();
            delayNanos = delay.toNanos();
            lock.notifyAll();
        }
    }

    /** Resets every current connection on both sides (a TCP RST to the client and to the server). */
    public void cutConnections() {
        List.copyOf(connections).forEach(Connection::reset);
    }

    /** Connections open through the proxy now. */
    public int openConnections() {
        return connections.size();
    }

    /** Connections accepted since the proxy started. */
    public long acceptedConnections() {
        return accepted.get();
    }

    public boolean isFrozen() {
        synchronized (lock) {
            return frozen;
        }
    }

    public boolean isRefusing() {
        synchronized (lock) {
            return listener == null && !closed;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            closeListener();
            lock.notifyAll();
        }
        cutConnections();
    }

    @Override
    public String toString() {
        return "FaultProxy[" + name + " " + address() + " -> " + targetHost + ":" + targetPort + "]";
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    /** Binds the port again (SO_REUSEADDR, so connections of the previous listener in TIME_WAIT do not block it). */
    private void listen() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
            listener = socket;
            thread("accept", () -> accept(socket)).start();
        } catch (IOException e) {
            throw new UncheckedIOException("the fault proxy " + name + " cannot listen on " + address(), e);
        }
    }

    private void closeListener() {
        if (listener != null) {
            try {
                listener.close();
            } catch (IOException e) {
                // Closing a listener fails only when it is closed already.
            }
            listener = null;
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // refuse() or close() closed the listener.
            }
            accepted.incrementAndGet();
            thread("connect", () -> connect(client)).start();
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            server.connect(new InetSocketAddress(targetHost, targetPort), UPSTREAM_CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            // The server behind is down: the client sees its connection reset.
            resetQuietly(client);
            closeQuietly(server);
            return;
        }
        Connection connection = new Connection(client, server);
        connections.add(connection);
        synchronized (lock) {
            if (closed) {
                connection.reset();
                return;
            }
        }
        connection.start();
    }

    private Thread thread(String role, Runnable body) {
        Thread thread = new Thread(body, "fault-proxy-" + name + "-" + role + "-" + threadNumber.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /** False when the connection was cut (or the proxy closed) while waiting. */
    private boolean awaitPassing(Connection connection) throws InterruptedException {
        long delay;
        synchronized (lock) {
            while (frozen && !closed && !connection.isDone()) {
                lock.wait();
            }
            if (closed || connection.isDone()) {
                return false;
            }
            delay = delayNanos;
        }
        if (delay > 0) {
            TimeUnit.NANOSECONDS.sleep(delay);
        }
        return !connection.isDone();
    }

    private final class Connection {
        private final Socket client;
        private final Socket server;
        private final AtomicInteger directionsDone = new AtomicInteger();
        private volatile boolean done;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            thread("up", () -> relay(client, server)).start();
            thread("down", () -> relay(server, client)).start();
        }

        boolean isDone() {
            return done;
        }

        private void relay(Socket from, Socket to) {
            byte[] buffer = new byte[BUFFER];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (true) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        // A half close passes on as one; the connection ends when both directions have.
                        to.shutdownOutput();
                        break;
                    }
                    if (!awaitPassing(this)) {
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
                if (directionsDone.incrementAndGet() == 2) {
                    finish();
                }
            } catch (IOException e) {
                // One side reset or closed the connection: so does the proxy to the other.
                reset();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reset();
            }
        }

        private void finish() {
            done = true;
            connections.remove(this);
            closeQuietly(client);
            closeQuietly(server);
        }

        void reset() {
            done = true;
            connections.remove(this);
            resetQuietly(client);
            resetQuietly(server);
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /** Closes with SO_LINGER 0, so the peer gets a TCP RST instead of an orderly end of stream. */
    private static void resetQuietly(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (SocketException e) {
            // Already unusable: closing is all that is left.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to do for a socket that cannot even close.
        }
    }
}
