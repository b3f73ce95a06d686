package org.tracewall.core.rate;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

import org.tracewall.core.net.IpNetwork;

/** A set of clients (IP ranges) or senders (domains) with limits of its own. */
public final class PolicyGroup {
    private final String name;
    private final List<IpNetwork> clients;
    private final List<String> senderDomains;
    private final Limits limits;

    PolicyGroup(String name, List<IpNetwork> clients, List<String> senderDomains, Limits limits) {
        this.name = name;
        this.clients = List.copyOf(clients);
        this.senderDomains = List.copyOf(senderDomains);
        this.limits = limits;
    }

    public String name() {
        return name;
    }

    public Limits limits() {
        return limits;
    }

    boolean matches(InetAddress ip, String sender) {
        for (IpNetwork network : clients) {
            if (network.contains(ip)) {
                return true;
            }
        }
        if (sender == null || sender.isEmpty()) {
            return false;
        }
        String domain = sender.substring(sender.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return senderDomains.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
    }
}
