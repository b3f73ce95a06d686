package org.tracewall.james.smtp;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.james.Tracewall;

/**
 * At most {@code maxPerClient} simultaneous connections from one client address on this server:
 * the next gets {@code 421 4.7.0} and the connection is closed. One address holding hundreds
 * of idle sessions would otherwise take the server's connections and threads from everyone
 * else. James 3.8.1's own {@code connectionLimitPerIP} does not hold on its own: in our tests it
 * let a 21st connection from one address through with its banner in one run and closed it in
 * another, and it closes without a reply; set it to 0 where this handler runs (the samples do), or
 * the two counts disagree. The refused client reads James's banner, then the 421, and the connection
 * closes.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.ConnectionsPerClientHandler">
 *     <maxPerClient>20</maxPerClient>
 * </handler>
 * }</pre>
 */
public class ConnectionsPerClientHandler implements ConnectHandler<SMTPSession>, DisconnectHandler<SMTPSession> {
    private static final ProtocolSession.AttachmentKey<String> COUNTED_AS =
        ProtocolSession.AttachmentKey.of(Tracewall.NAMESPACE + ".smtp.connectionCountedAs", String.class);
    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionsPerClientHandler.class);

    /**
     * "Let the banner through": James writes nothing for it. Not null, because James's JMX
     * statistics of connect handlers read every answer and fail on null.
     */
    private static final Response NOTHING_TO_SAY = new Response() {
        @Override
        public String getRetCode() {
            return "";
        }

        @Override
        public List<CharSequence> getLines() {
            return List.of();
        }

        @Override
        public boolean isEndSession() {
            return false;
        }
    };

    /** Open connections per address; updated only by atomic map operations, an entry removed in the step that reaches 0. */
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();
    private int maxPerClient = 20;

    static final Option<Integer> MAX_PER_CLIENT = Option.integer("maxPerClient", 20, 1, 100_000,
        "simultaneous connections from one client address; the next gets 421");
    public static final OptionSection PARAMETERS = OptionSection.elements("ConnectionsPerClientHandler", MAX_PER_CLIENT);

    @Override
    public void init(Configuration config) throws ConfigurationException {
        maxPerClient = HandlerParameters.read(config, PARAMETERS).get(MAX_PER_CLIENT);
    }

    @Override
    public Response onConnect(SMTPSession session) {
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        int now = open.merge(client, 1, Integer::sum);
        session.setAttachment(COUNTED_AS, client, ProtocolSession.State.Connection);
        if (now <= maxPerClient) {
            return NOTHING_TO_SAY;
        }
        LOGGER.info("connection refused: {} already has {} connections", client, now - 1);
        SMTPResponse refusal = new SMTPResponse(SMTPRetCode.SERVICE_NOT_AVAILABLE,
            "4.7.0 Too many connections from " + client + " (at most " + maxPerClient + "); try again later");
        refusal.setEndSession(true);
        return refusal;
    }

    @Override
    public void onDisconnect(SMTPSession session) {
        session.getAttachment(COUNTED_AS, ProtocolSession.State.Connection).ifPresent(client ->
            open.computeIfPresent(client, (c, count) -> count <= 1 ? null : count - 1));
    }

    /** Open connections per client address now, for tests and status. */
    int openConnections(String client) {
        return open.getOrDefault(client, 0);
    }
}
