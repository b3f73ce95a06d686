package org.tracewall.core.score;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** What one message is scored on: its envelope, its direction and the symbols its checks emitted. */
public final class ScoreInput {
    private final InetAddress clientIp;
    private final String senderDomain;
    private final List<String> recipientDomains;
    private final Direction direction;
    private final List<Symbol> symbols;

    /**
     * @param clientIp     null when the mail did not come over SMTP
     * @param senderDomain null for the null sender
     */
    public ScoreInput(InetAddress clientIp, String senderDomain, List<String> recipientDomains, Direction direction,
                      List<Symbol> symbols) {
        this.clientIp = clientIp;
        this.senderDomain = senderDomain;
        this.recipientDomains = List.copyOf(recipientDomains);
        this.direction = direction;
        this.symbols = List.copyOf(symbols);
    }

    public Optional<InetAddress> clientIp() {
        return Optional.ofNullable(clientIp);
    }

    public Optional<String> senderDomain() {
        return Optional.ofNullable(senderDomain);
    }

    public List<String> recipientDomains() {
        return recipientDomains;
    }

    public Direction direction() {
        return direction;
    }

    public List<Symbol> symbols() {
        return symbols;
    }
}
