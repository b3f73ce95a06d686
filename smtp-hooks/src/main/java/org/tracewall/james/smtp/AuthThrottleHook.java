package org.tracewall.james.smtp;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.auth.AuthThrottle;
import org.tracewall.james.TracewallRuntime;

/**
 * SMTP AUTH with password-guessing control: checks the password against James's users (as
 * James's own {@code UsersRepositoryAuthHook} does) and counts each failure per client address
 * and per account in the state store ({@code auth.*} in tracewall.properties, shared by every
 * node). Once a count reaches its limit, every attempt is refused with {@code 454 4.7.0} and
 * the connection closed until the window ends, even with the right password. AUTH before
 * STARTTLS on a server with {@code <requireSSL>true</requireSSL>} gets {@code 538 5.7.11}
 * (James itself only stops announcing it). Put it before
 * {@code CoreCmdHandlerLoader}: James asks AUTH hooks in chain order, and this one answers
 * success and failure alike, so James's own check is not repeated.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.AuthThrottleHook"/>
 * }</pre>
 */
public class AuthThrottleHook implements AuthHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(AuthThrottleHook.class);
    private static final HookResult TLS_REQUIRED = HookResult.builder().hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode("538")
        .smtpDescription("5.7.11 Encryption required: use STARTTLS before AUTH")
        .build();
    private static final HookResult INVALID = HookResult.builder().hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode(SMTPRetCode.AUTH_FAILED)
        .smtpDescription("5.7.8 Authentication credentials invalid")
        .build();

    private final AuthThrottle throttle;
    private final UsersRepository users;

    @Inject
    public AuthThrottleHook(TracewallRuntime runtime, UsersRepository users) {
        this(runtime.authThrottle(), users);
    }

    AuthThrottleHook(AuthThrottle throttle, UsersRepository users) {
        this.throttle = throttle;
        this.users = users;
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        if (!session.isTLSStarted() && tlsRequired(session, client)) {
            // James announces AUTH only after STARTTLS when the server says <requireSSL>, but takes
            // it before STARTTLS all the same: the password would already have crossed in clear text.
            LOGGER.info("auth-refused client={}: AUTH before STARTTLS", client);
            return TLS_REQUIRED;
        }
        Optional<String> refusal = throttle.refusal(client, username.asString());
        if (refusal.isPresent()) {
            LOGGER.info("auth-throttle client={} user={}: {}", client, SmtpText.safe(username.asString()), refusal.get());
            return HookResult.builder().hookReturnCode(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT))
                .smtpReturnCode("454")
                .smtpDescription("4.7.0 " + SmtpText.safe(refusal.get()))
                .build();
        }
        if (passwordMatches(username, password)) {
            session.setUsername(username);
            session.setRelayingAllowed(true);
            return HookResult.builder().hookReturnCode(HookReturnCode.ok())
                .smtpDescription("Authentication Successful")
                .build();
        }
        throttle.recordFailure(client, username.asString());
        LOGGER.info("auth-failed client={} user={}", client, SmtpText.safe(username.asString()));
        return INVALID;
    }

    /** OAUTHBEARER tokens are James's concern (its own hook checks them); nothing to count here. */
    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
        return HookResult.DECLINED;
    }

    /** The server announces AUTH to this client only after TLS ({@code <requireSSL>true</requireSSL>}). */
    private static boolean tlsRequired(SMTPSession session, String client) {
        return session.getConfiguration().isAuthAnnounced(client, true) && !session.getConfiguration().isAuthAnnounced(client, false);
    }

    private boolean passwordMatches(Username username, String password) {
        try {
            return users.test(username, password);
        } catch (UsersRepositoryException | IllegalArgumentException e) {
            LOGGER.info("Cannot check the password of {}: {}", SmtpText.safe(username.asString()), e.toString());
            return false;
        }
    }
}
