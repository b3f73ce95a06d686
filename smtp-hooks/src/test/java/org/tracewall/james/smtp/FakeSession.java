package org.tracewall.james.smtp;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPConfiguration;
import org.apache.james.protocols.smtp.utils.BaseFakeSMTPSession;

/** An SMTP session from one client, with working connection and transaction state (James's fake keeps none), TLS and configuration if set. */
final class FakeSession extends BaseFakeSMTPSession {
    private final InetSocketAddress client;
    private final Map<AttachmentKey<?>, Object> connection = new HashMap<>();
    private final Map<AttachmentKey<?>, Object> transaction = new HashMap<>();
    private Username username;
    private boolean relaying;
    private Boolean tlsStarted;
    private SMTPConfiguration configuration;

    FakeSession(String clientIp) {
        this.client = new InetSocketAddress(clientIp, 40000);
    }

    /** A user's session after SMTP AUTH (from 192.0.2.9), which James lets relay. */
    static FakeSession authenticated(String user) {
        FakeSession session = new FakeSession("192.0.2.9");
        session.setUsername(Username.of(user));
        session.setRelayingAllowed(true);
        return session;
    }

    /** A fixed id per client address, as log lines name it. */
    @Override
    public String getSessionID() {
        return "session-" + client.getAddress().getHostAddress();
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return client;
    }

    @Override
    public Username getUsername() {
        return username;
    }

    @Override
    public void setUsername(Username username) {
        this.username = username;
    }

    @Override
    public boolean isRelayingAllowed() {
        return relaying;
    }

    @Override
    public void setRelayingAllowed(boolean relaying) {
        this.relaying = relaying;
    }

    /** Whether the client started TLS; unset, {@link #isTLSStarted()} throws like James's fake. */
    void setTlsStarted(boolean tlsStarted) {
        this.tlsStarted = tlsStarted;
    }

    @Override
    public boolean isTLSStarted() {
        return tlsStarted == null ? super.isTLSStarted() : tlsStarted;
    }

    /** The server's SMTP configuration; unset, {@link #getConfiguration()} throws like James's fake. */
    void setConfiguration(SMTPConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public SMTPConfiguration getConfiguration() {
        return configuration == null ? super.getConfiguration() : configuration;
    }

    @Override
    public <T> Optional<T> setAttachment(AttachmentKey<T> key, T value, ProtocolSession.State state) {
        return key.convert(state(state).put(key, value));
    }

    @Override
    public <T> Optional<T> removeAttachment(AttachmentKey<T> key, ProtocolSession.State state) {
        return key.convert(state(state).remove(key));
    }

    @Override
    public <T> Optional<T> getAttachment(AttachmentKey<T> key, ProtocolSession.State state) {
        return key.convert(state(state).get(key));
    }

    /** What James does between two mail transactions. */
    void endTransaction() {
        transaction.clear();
    }

    private Map<AttachmentKey<?>, Object> state(ProtocolSession.State state) {
        return state == ProtocolSession.State.Connection ? connection : transaction;
    }
}
