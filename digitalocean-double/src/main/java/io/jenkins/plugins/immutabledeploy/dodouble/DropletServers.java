package io.jenkins.plugins.immutabledeploy.dodouble;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What makes droplets real enough to deploy to: each running droplet's SSH stand-in and app at its
 * own loopback address, and each reserved IP's forwarder to the droplet it is assigned to.
 *
 * <p>The app is the contract every release of the example keeps: {@code GET /health} answers
 * {@code 200 {"status":"UP","version":"<release>"}}, or {@code 503 {"status":"DOWN", ...}} when the
 * release is marked broken. A droplet serves it only when its image carries a release (a snapshot
 * baked from a droplet that was given one).
 */
final class DropletServers implements Cloud.Machines, AutoCloseable {
    private final Config config;
    private Cloud cloud;
    private final Map<Long, SshStandIn> ssh = new HashMap<>();
    private final Map<Long, HttpServer> apps = new HashMap<>();
    private final Map<String, TcpForwarder> forwarders = new HashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-digitalocean-droplets");
        t.setDaemon(true);
        return t;
    });

    DropletServers(Config config) {
        this.config = config;
    }

    void cloud(Cloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public void started(Cloud.Droplet d) {
        try {
            if (config.ssh()) {
                SshStandIn s = new SshStandIn(cloud, d, config.sshPort());
                ssh.put(d.id, s);
                d.sshPort = s.port();
            }
            if (config.apps() && d.release != null) {
                HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getByName(d.publicIp),
                        config.appPort()), 50);
                app.createContext("/", ex -> answer(d, ex));
                app.setExecutor(threads);
                app.start();
                apps.put(d.id, app);
                d.appPort = app.getAddress().getPort();
            }
        } catch (IOException e) {
            stopped(d);
            throw new UncheckedIOException("droplet " + d.id + " could not listen at " + d.publicIp + ": " + e, e);
        }
    }

    private void answer(Cloud.Droplet d, HttpExchange ex) throws IOException {
        String release;
        boolean broken;
        synchronized (cloud) {
            release = d.release;
            broken = cloud.isBroken(release);
            d.appRequests++;
        }
        int status;
        ObjectNode body;
        if ("/health".equals(ex.getRequestURI().getPath())) {
            status = broken ? 503 : 200;
            body = Json.obj().put("status", broken ? "DOWN" : "UP").put("version", release);
            if (broken) {
                body.put("problem", "release " + release + " is marked broken");
            }
        } else {
            status = 200;
            body = Json.obj().put("app", "example").put("version", release).put("droplet", d.name);
        }
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stopped(Cloud.Droplet d) {
        SshStandIn s = ssh.remove(d.id);
        if (s != null) {
            s.close();
        }
        HttpServer app = apps.remove(d.id);
        if (app != null) {
            app.stop(0);
        }
        d.sshPort = 0;
        d.appPort = 0;
    }

    @Override
    public void reservedIpCreated(Cloud.ReservedIp ip) {
        try {
            TcpForwarder f = new TcpForwarder(ip.ip, config.appPort(), () -> target(ip), threads);
            forwarders.put(ip.ip, f);
            ip.port = f.port();
        } catch (IOException e) {
            throw new UncheckedIOException("reserved IP " + ip.ip + " could not listen: " + e, e);
        }
    }

    private InetSocketAddress target(Cloud.ReservedIp ip) {
        synchronized (cloud) {
            Cloud.Droplet d = ip.dropletId == null ? null : cloud.droplets.get(ip.dropletId);
            if (d == null || d.appPort == 0) {
                ip.refused++;
                return null;
            }
            ip.forwarded++;
            return new InetSocketAddress(d.publicIp, d.appPort);
        }
    }

    @Override
    public void reservedIpMoved(Cloud.ReservedIp ip) {
        TcpForwarder f = forwarders.get(ip.ip);
        if (f != null) {
            f.cutConnections();
        }
    }

    @Override
    public void reservedIpDeleted(Cloud.ReservedIp ip) {
        TcpForwarder f = forwarders.remove(ip.ip);
        if (f != null) {
            f.close();
        }
    }

    @Override
    public void close() {
        synchronized (cloud) {
            ssh.values().forEach(SshStandIn::close);
            apps.values().forEach(a -> a.stop(0));
            forwarders.values().forEach(TcpForwarder::close);
            ssh.clear();
            apps.clear();
            forwarders.clear();
        }
        threads.shutdownNow();
    }
}
