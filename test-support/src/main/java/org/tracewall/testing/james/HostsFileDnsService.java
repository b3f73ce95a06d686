package org.tracewall.testing.james;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.apache.james.dnsservice.api.DNSService;

/**
 * James's own {@link DNSService} for in-process tests: IP literals and names from the test
 * hosts file only (the test JVMs run with -Djdk.net.hosts.file), no MX or TXT data. James
 * uses it for its authorized-network matching and host names; Tracewall's checks use their
 * own resolver, pointed at the loopback DNS server.
 */
public final class HostsFileDnsService implements DNSService {
    @Override
    public Collection<String> findMXRecords(String hostname) {
        return List.of();
    }

    @Override
    public Collection<String> findTXTRecords(String hostname) {
        return List.of();
    }

    @Override
    public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
        return Arrays.asList(InetAddress.getAllByName(host));
    }

    @Override
    public InetAddress getByName(String host) throws UnknownHostException {
        return InetAddress.getByName(host);
    }

    @Override
    public InetAddress getLocalHost() throws UnknownHostException {
        return InetAddress.getLocalHost();
    }

    @Override
    public String getHostName(InetAddress address) {
        return address.getHostAddress();
    }
}
