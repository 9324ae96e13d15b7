package io.jenkins.plugins.immutabledeploy.dodouble;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a local DigitalOcean is set up. Build one with {@link LocalDigitalOcean#builder(Path)}.
 *
 * @param stateDir where uploads, snapshots' files, the request log and the hosts file go
 * @param bindAddress the API's address
 * @param port the API's port; 0 for any free one
 * @param token the bearer token the API accepts
 * @param sshPort the port each droplet's SSH stand-in listens on at the droplet's address; 0 for a free
 *     port per droplet (tests on plain loopback), 22 inside a loopback-only network namespace
 * @param appPort the port each droplet serves the app's health endpoint on, and each reserved IP
 *     forwards; 0 for a free port per address
 * @param dropletAddressPrefix the first two parts of the droplets' loopback addresses, e.g. {@code 127.77}
 * @param reservedAddressPrefix the same for reserved IPs, e.g. {@code 127.78}
 * @param releaseVariable the variable whose value, seen in an SSH command or upload, is the release a
 *     build droplet bakes
 * @param pollsToActive reads of a new droplet before it is active
 * @param pollsToComplete reads of an action before it is completed
 * @param pollsToOnline reads of a new database cluster before it is online
 * @param ssh whether droplets run the SSH stand-in
 * @param apps whether droplets made from a snapshot with a release serve the app's health endpoint
 */
public record Config(Path stateDir, String bindAddress, int port, String token, int sshPort, int appPort,
        String dropletAddressPrefix, String reservedAddressPrefix, String releaseVariable, int pollsToActive,
        int pollsToComplete, int pollsToOnline, boolean ssh, boolean apps) {

    /** Checks the values. */
    public Config {
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token: the double needs the token its clients will send");
        }
        for (String prefix : new String[] {dropletAddressPrefix, reservedAddressPrefix}) {
            if (prefix == null || !prefix.matches("127\\.\\d{1,3}")) {
                throw new IllegalArgumentException("address prefix '" + prefix + "': must be 127.N, a loopback /16");
            }
        }
        if (dropletAddressPrefix.equals(reservedAddressPrefix)) {
            throw new IllegalArgumentException("droplets and reserved IPs need different address prefixes");
        }
        if (pollsToActive < 0 || pollsToComplete < 0 || pollsToOnline < 0) {
            throw new IllegalArgumentException("polls: must be zero or more");
        }
    }
}
