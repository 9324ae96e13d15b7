package io.jenkins.plugins.immutabledeploy.dodouble;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PublicKey;
import java.util.Set;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.scp.common.ScpTransferEventListener;
import org.apache.sshd.scp.server.ScpCommandFactory;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * A droplet's SSH: accepts {@code root} with a key the droplet was created with (Packer's temporary
 * key), stores scp uploads under the droplet's folder as its file system, records every other
 * command and runs none of them (exit status 0, no output). Never a real shell: a provisioning
 * script would install packages and users on this machine.
 */
final class SshStandIn implements AutoCloseable {
    /** One host key for every droplet, made once: generating one per droplet would slow each boot. */
    private static final KeyPairProvider HOST_KEYS = hostKeys();

    private final SshServer server;

    SshStandIn(Cloud cloud, Cloud.Droplet droplet, int port) throws IOException {
        long id = droplet.id;
        Path root = droplet.fs;
        for (String dir : new String[] {"tmp", "root", "etc", "opt"}) {
            Files.createDirectories(root.resolve(dir));
        }
        server = SshServer.setUpDefaultServer();
        server.setHost(droplet.publicIp);
        server.setPort(port);
        server.setKeyPairProvider(HOST_KEYS);
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> "root".equals(user) && authorized(cloud, id, key));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.setCommandFactory(new ScpCommandFactory.Builder()
                .withDelegate((channel, command) -> new RecordedCommand(cloud, id, command))
                .addEventListener(new ScpTransferEventListener() {
                    @Override
                    public void endFileEvent(Session session, FileOperation op, Path file, long length,
                            Set<PosixFilePermission> perms, Throwable thrown) {
                        if (op == FileOperation.RECEIVE && thrown == null) {
                            cloud.recordUpload(id, root.resolve(file.toString().replaceFirst("^/+", "")));
                        }
                    }
                })
                .build());
        server.start();
    }

    int port() {
        return server.getPort();
    }

    private static boolean authorized(Cloud cloud, long dropletId, PublicKey offered) {
        for (String line : cloud.authorizedKeys(dropletId)) {
            try {
                PublicKey allowed = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line)
                        .resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
                if (KeyUtils.compareKeys(allowed, offered)) {
                    return true;
                }
            } catch (Exception e) {
                // a key this server cannot read authorizes nobody
            }
        }
        return false;
    }

    private static KeyPairProvider hostKeys() {
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider();
        keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        return keys;
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException ignored) {
            // stopping anyway
        }
    }

    /** Records the command line and reports success without running anything. */
    private static final class RecordedCommand implements Command {
        private final Cloud cloud;
        private final long dropletId;
        private final String command;
        private ExitCallback exit;

        RecordedCommand(Cloud cloud, long dropletId, String command) {
            this.cloud = cloud;
            this.dropletId = dropletId;
            this.command = command;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void setInputStream(InputStream in) {
            // nothing is run, so nothing reads it
        }

        @Override
        public void setOutputStream(OutputStream out) {
            // nothing is printed
        }

        @Override
        public void setErrorStream(OutputStream err) {
            // nothing is printed
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            cloud.recordCommand(dropletId, command);
            // The exit status goes out after start() returns, as a command that ran and ended would send it.
            Thread t = new Thread(() -> exit.onExit(0), "ssh-stand-in exit");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
            // nothing runs
        }
    }
}
