package org.tracewall.app.login;

import java.io.FileNotFoundException;

import javax.inject.Singleton;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.mailbox.Authenticator;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/** Mailbox logins through {@link ThrottledAuthenticator}; an override of the server's own Authenticator binding. */
public final class LoginThrottleModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(Authenticator.class).to(ThrottledAuthenticator.class);
    }

    @Provides
    @Singleton
    LoginThrottle loginThrottle(PropertiesProvider properties) throws ConfigurationException {
        Configuration tracewall;
        try {
            tracewall = properties.getConfiguration("tracewall");
        } catch (FileNotFoundException e) {
            return LoginThrottle.fromProperties(null, null);
        }
        try {
            return LoginThrottle.fromProperties(tracewall.getString(LoginThrottle.PER_ACCOUNT, null),
                tracewall.getString(LoginThrottle.WINDOW, null));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("conf/tracewall.properties: " + e.getMessage(), e);
        }
    }
}
