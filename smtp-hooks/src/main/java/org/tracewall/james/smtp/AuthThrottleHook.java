package org.tracewall.james.smtp;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.auth.AuthThrottle;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.james.TracewallRuntime;

/**
 * SMTP AUTH with password-guessing control: checks the password against James's users (as
 * James's own {@code UsersRepositoryAuthHook} does) and counts each failure per client address
 * and per account in the state store ({@code auth.*} in tracewall.properties, shared by every
 * node). Once a count reaches its limit, every attempt is refused with {@code 454 4.7.0} and
 * the connection closed until the window ends, even with the right password. AUTH before
 * STARTTLS on a server with {@code <requireSSL>true</requireSSL>} gets {@code 538 5.7.11}
 * (James itself only stops announcing it); {@code <requireTls>true</requireTls>} refuses AUTH
 * outside TLS whatever the server announces (also to clients James announces AUTH to in clear,
 * and for OAUTHBEARER). Put it before
 * {@code CoreCmdHandlerLoader}: James asks AUTH hooks in chain order, and this one answers
 * success and failure alike, so James's own check is not repeated.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.AuthThrottleHook">
 *     <requireTls>true</requireTls>
 * </handler>
 * }</pre>
 */
public class AuthThrottleHook implements AuthHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(AuthThrottleHook.class);
    /** RFC 4954 section 6: "Encryption required for requested authentication mechanism" (no SMTPRetCode constant). */
    private static final String ENCRYPTION_REQUIRED = "538";
    private static final String TEMPORARY_AUTH_FAILURE = "454";
    private static final HookResult TLS_REQUIRED = HookResult.builder().hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode(ENCRYPTION_REQUIRED)
        .smtpDescription("5.7.11 Encryption required: use STARTTLS before AUTH")
        .build();
    private static final HookResult INVALID = HookResult.builder().hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode(SMTPRetCode.AUTH_FAILED)
        .smtpDescription("5.7.8 Authentication credentials invalid")
        .build();


    private final AuthThrottle throttle;
    private final UsersRepository users;
    private boolean requireTls;

    @Inject
    public AuthThrottleHook(TracewallRuntime runtime, UsersRepository users) {
        this(runtime.authThrottle(), users);
    }

    AuthThrottleHook(AuthThrottle throttle, UsersRepository users) {
        this.throttle = throttle;
        this.users = users;
    }

    static final Option<Boolean> REQUIRE_TLS = Option.bool("requireTls", false,
        "refuse AUTH outside TLS (538 5.7.11) whatever the server announces");
    public static final OptionSection PARAMETERS = OptionSection.elements("AuthThrottleHook", REQUIRE_TLS);

    @Override
    public void init(Configuration config) throws ConfigurationException {
        requireTls = HandlerParameters.read(config, PARAMETERS).get(REQUIRE_TLS);
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        if (tlsMissing(session, client)) {
            // James announces AUTH only after STARTTLS when the server says <requireSSL>, but takes
            // it before STARTTLS all the same: the password would already have crossed in clear text.
            LOGGER.info("auth-refused client={}: AUTH before STARTTLS", client);
            return TLS_REQUIRED;
        }
        Optional<String> refusal = throttle.reserve(client, username.asString());
        if (refusal.isPresent()) {
            LOGGER.info("auth-throttle client={} user={}: {}", client, SmtpText.safe(username.asString()), refusal.get());
            return HookResult.builder().hookReturnCode(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT))
                .smtpReturnCode(TEMPORARY_AUTH_FAILURE)
                .smtpDescription("4.7.0 " + SmtpText.safe(refusal.get()))
                .build();
        }
        if (passwordMatches(username, password)) {
            throttle.succeeded(client, username.asString());
            session.setUsername(username);
            session.setRelayingAllowed(true);
            return HookResult.builder().hookReturnCode(HookReturnCode.ok())
                .smtpDescription("Authentication Successful")
                .build();
        }
        LOGGER.info("auth-failed client={} user={}", client, SmtpText.safe(username.asString()));
        return INVALID;
    }

    /** OAUTHBEARER tokens are James's concern (its own hook checks them); only the TLS rule applies here. */
    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        if (tlsMissing(session, client)) {
            LOGGER.info("auth-refused client={}: OAUTHBEARER before STARTTLS", client);
            return TLS_REQUIRED;
        }
        return HookResult.DECLINED;
    }

    /** Authentication outside TLS where it must not be: {@code <requireTls>}, or a server that announces AUTH only after TLS. */
    private boolean tlsMissing(SMTPSession session, String client) {
        return !session.isTLSStarted() && (requireTls || tlsRequired(session, client));
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
