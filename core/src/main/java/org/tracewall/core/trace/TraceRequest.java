package org.tracewall.core.trace;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** What the traceability check looks at: the SMTP client, its HELO, the envelope sender, the AUTH user. */
public final class TraceRequest {
    private final InetAddress clientIp;
    private final String helo;
    private final String mailFrom;
    private final String authUser;

    /**
     * @param mailFrom the envelope sender, "" for the null sender {@code <>}
     * @param authUser the SMTP AUTH user, or null
     */
    public TraceRequest(InetAddress clientIp, String helo, String mailFrom, String authUser) {
        this.clientIp = Objects.requireNonNull(clientIp, "clientIp");
        this.helo = helo == null ? "" : helo.trim();
        this.mailFrom = mailFrom == null ? "" : mailFrom.trim();
        this.authUser = authUser;
    }

    public InetAddress clientIp() {
        return clientIp;
    }

    public String helo() {
        return helo;
    }

    public String mailFrom() {
        return mailFrom;
    }

    public boolean isNullSender() {
        return mailFrom.isEmpty();
    }

    public Optional<String> authUser() {
        return Optional.ofNullable(authUser);
    }

    /** MAIL FROM's domain, or the HELO name for the null sender (rule), lowercase. */
    public String identityDomain() {
        String domain = isNullSender() ? helo : mailFrom.substring(mailFrom.lastIndexOf('@') + 1);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        return domain.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "ip=" + clientIp.getHostAddress() + " helo=" + helo + " from=<" + mailFrom + ">"
            + (authUser == null ? "" : " auth=" + authUser);
    }
}
