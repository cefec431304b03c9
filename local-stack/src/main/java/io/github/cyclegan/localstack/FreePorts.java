package io.github.cyclegan.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks a free TCP port; servers that must advertise their port need it before they bind. */
public final class FreePorts {

    private FreePorts() {
    }

    /** {@code requested}, or a port free on {@code host} right now when it is 0. */
    public static int resolve(String host, int requested) {
        if (requested != 0) {
            return requested;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }
}
