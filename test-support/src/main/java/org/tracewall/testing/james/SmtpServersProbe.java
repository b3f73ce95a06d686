package org.tracewall.testing.james;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.smtpserver.netty.SMTPServerFactory;
import org.apache.james.utils.GuiceProbe;

/** The ports of every SMTP server, in the order of smtpserver.xml (James's probe only finds the first of a kind). */
public final class SmtpServersProbe implements GuiceProbe {
    private final SMTPServerFactory servers;

    @Inject
    SmtpServersProbe(SMTPServerFactory servers) {
        this.servers = servers;
    }

    public List<Integer> ports() {
        return servers.getServers().stream()
            .map(server -> server.getListenAddresses().stream().findFirst().map(InetSocketAddress::getPort).orElse(-1))
            .collect(Collectors.toList());
    }
}
