package org.tracewall.core.score;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** What one message is scored on: its envelope, its direction, the symbols its checks emitted and its content. */
public final class ScoreInput {
    private final InetAddress clientIp;
    private final String senderDomain;
    private final List<String> recipientDomains;
    private final Direction direction;
    private final List<Symbol> symbols;
    private final MessageContent content;

    /**
     * @param clientIp     null when the mail did not come over SMTP
     * @param senderDomain null for the null sender
     * @param content      null when content rules should not run
     */
    public ScoreInput(InetAddress clientIp, String senderDomain, List<String> recipientDomains, Direction direction,
                      List<Symbol> symbols, MessageContent content) {
        this.clientIp = clientIp;
        this.senderDomain = senderDomain;
        this.recipientDomains = List.copyOf(recipientDomains);
        this.direction = direction;
        this.symbols = List.copyOf(symbols);
        this.content = content;
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

    public Optional<MessageContent> content() {
        return Optional.ofNullable(content);
    }
}
