package io.jenkins.plugins.immutabledeploy.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * N health endpoints for the verify fan-out benchmark, each on its own loopback port (as N
 * servers would be), served by one thread with non-blocking sockets: every request gets
 * {@code 200 {"status":"UP"}} on a kept-alive connection in microseconds, so the figures measure
 * the client rather than the server (a threaded Python server is slower than the engine).
 *
 * <p>{@code java -cp … LoopbackServers 500 ports.txt}: writes the ports, one line each, to the
 * file once all are listening, then serves until its standard input closes or it is killed.
 */
public final class LoopbackServers {
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Content-Length: 15\r\n\r\n{\"status\":\"UP\"}").getBytes(StandardCharsets.US_ASCII);

    private LoopbackServers() {}

    /**
     * @param args how many ports, and the file to write them to
     */
    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        Selector selector = Selector.open();
        StringBuilder ports = new StringBuilder();
        for (int i = 0; i < n; i++) {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            ports.append(server.socket().getLocalPort()).append('\n');
        }
        java.nio.file.Path tmp = java.nio.file.Path.of(args[1] + ".tmp");
        java.nio.file.Files.writeString(tmp, ports);
        java.nio.file.Files.move(tmp, java.nio.file.Path.of(args[1]), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // keep reading until the parent goes
                }
            } catch (IOException e) {
                // the parent is gone
            }
            System.exit(0);
        });
        stdin.setDaemon(true);
        stdin.start();
        ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        while (true) {
            selector.select();
            for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                SelectionKey key = it.next();
                it.remove();
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    SocketChannel c = ((ServerSocketChannel) key.channel()).accept();
                    if (c != null) {
                        c.configureBlocking(false);
                        c.register(selector, SelectionKey.OP_READ, new int[1]);
                    }
                } else if (key.isReadable()) {
                    serve(key, in);
                }
            }
        }
    }

    /** Answers every complete request head read so far; the int counts the CRLFCRLF already half seen. */
    private static void serve(SelectionKey key, ByteBuffer in) throws IOException {
        SocketChannel c = (SocketChannel) key.channel();
        int[] state = (int[]) key.attachment();
        in.clear();
        int n;
        try {
            n = c.read(in);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            key.cancel();
            c.close();
            return;
        }
        int answers = 0;
        for (int i = 0; i < n; i++) {
            byte b = in.get(i);
            int s = state[0];
            // \r\n\r\n ends a request head (the health checks send no body)
            if (b == '\r' && (s == 0 || s == 2)) {
                state[0] = s + 1;
            } else if (b == '\n' && (s == 1 || s == 3)) {
                state[0] = s + 1;
            } else {
                state[0] = b == '\r' ? 1 : 0;
            }
            if (state[0] == 4) {
                answers++;
                state[0] = 0;
            }
        }
        for (int a = 0; a < answers; a++) {
            ByteBuffer out = ByteBuffer.wrap(RESPONSE);
            while (out.hasRemaining()) {
                c.write(out);
            }
        }
    }
}
