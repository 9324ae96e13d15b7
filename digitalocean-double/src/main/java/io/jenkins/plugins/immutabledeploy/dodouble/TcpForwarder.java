package io.jenkins.plugins.immutabledeploy.dodouble;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * A reserved IP's traffic: every connection to its address goes, byte for byte, to the droplet it
 * is assigned to at that moment; with no droplet (or a droplet that is off) the connection is closed
 * at once, as a client sees an address that answers nobody.
 */
final class TcpForwarder implements AutoCloseable {
    private final ServerSocket server;
    private final Supplier<InetSocketAddress> target;
    private final ExecutorService threads;
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    TcpForwarder(String address, int port, Supplier<InetSocketAddress> target, ExecutorService threads)
            throws IOException {
        this.server = new ServerSocket();
        this.server.setReuseAddress(true);
        this.server.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        this.target = target;
        this.threads = threads;
        threads.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            threads.execute(() -> forward(client));
        }
    }

    /** Closes every connection made through this address so far; new ones go to the new target. */
    void cutConnections() {
        for (Socket s : open) {
            close(s);
        }
        open.clear();
    }

    private void forward(Socket client) {
        open.add(client);
        InetSocketAddress to = target.get();
        if (to == null) {
            close(client);
            return;
        }
        Socket upstream = new Socket();
        open.add(upstream);
        try {
            upstream.connect(to, 2000);
        } catch (IOException e) {
            close(client);
            close(upstream);
            return;
        }
        threads.execute(() -> pump(upstream, client));
        pump(client, upstream);
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side went away: close both below
        } finally {
            close(from);
            close(to);
        }
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
