package org.tracewall.app.login;

import javax.inject.Inject;

import org.apache.james.adapter.mailbox.UserRepositoryAuthenticator;
import org.apache.james.core.Username;
import org.apache.james.mailbox.Authenticator;
import org.apache.james.mailbox.exception.MailboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** James's mailbox authenticator (passwords from the users repository) behind {@link LoginThrottle}. */
public final class ThrottledAuthenticator implements Authenticator {
    private static final Logger LOGGER = LoggerFactory.getLogger(ThrottledAuthenticator.class);

    private final UserRepositoryAuthenticator users;
    private final LoginThrottle throttle;

    @Inject
    public ThrottledAuthenticator(UserRepositoryAuthenticator users, LoginThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    @Override
    public boolean isAuthentic(Username user, CharSequence password) throws MailboxException {
        String account = user.asString();
        if (!throttle.reserve(account)) {
            LOGGER.info("login-throttle user={}: too many failed mailbox logins, refused", account.replaceAll("[\\p{Cntrl}]", "?"));
            return false;
        }
        boolean authentic = users.isAuthentic(user, password);
        if (authentic) {
            throttle.succeeded(account);
        }
        return authentic;
    }
}
