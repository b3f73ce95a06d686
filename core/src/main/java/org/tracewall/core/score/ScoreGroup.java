package org.tracewall.core.score;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.tracewall.core.net.IpNetwork;

/**
 * A policy group: client networks, sender domains, recipient domains and directions
 * with thresholds and weights of their own. A group applies when every criterion it names
 * holds (a group naming none applies to all mail); an empty criterion is not checked.
 */
public final class ScoreGroup {
    public static final String DEFAULT = "default";

    private final String name;
    private final Set<Direction> directions;
    private final List<IpNetwork> clients;
    private final List<String> senderDomains;
    private final List<String> recipientDomains;
    private final Thresholds thresholds;
    private final Map<String, Double> weights;

    ScoreGroup(String name, Set<Direction> directions, List<IpNetwork> clients, List<String> senderDomains,
               List<String> recipientDomains, Thresholds thresholds, Map<String, Double> weights) {
        this.name = name;
        this.directions = Set.copyOf(directions);
        this.clients = List.copyOf(clients);
        this.senderDomains = List.copyOf(senderDomains);
        this.recipientDomains = List.copyOf(recipientDomains);
        this.thresholds = thresholds;
        this.weights = Map.copyOf(weights);
    }

    public String name() {
        return name;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    /** Weights of this group, over the policy's. */
    Map<String, Double> weights() {
        return weights;
    }

    boolean applies(ScoreInput input) {
        if (!directions.isEmpty() && !directions.contains(input.direction())) {
            return false;
        }
        if (!clients.isEmpty() && !input.clientIp().map(this::isClient).orElse(false)) {
            return false;
        }
        if (!senderDomains.isEmpty() && !input.senderDomain().map(d -> inDomains(d, senderDomains)).orElse(false)) {
            return false;
        }
        return recipientDomains.isEmpty() || input.recipientDomains().stream().anyMatch(d -> inDomains(d, recipientDomains));
    }

    private boolean isClient(InetAddress ip) {
        return clients.stream().anyMatch(n -> n.contains(ip));
    }

    /** The domain or one of its subdomains. */
    static boolean inDomains(String domain, List<String> domains) {
        String d = domain.toLowerCase(Locale.ROOT);
        return domains.stream().anyMatch(g -> d.equals(g) || d.endsWith("." + g));
    }
}
