package org.tracewall.core.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

import org.tracewall.core.store.StateStore;

/**
 * The dashboard's sessions, kept in the state store so that any node answers a session another
 * node opened, and a sign-out ends it on all of them. The browser holds a random token; the store
 * holds only its SHA-256, so that a copy of the store opens no session. A session ends after its
 * lifetime ({@code webadmin.sessionLifetime}) however busy it was: the role is read at sign-in,
 * and a changed role must take effect within a bounded time.
 */
public final class OperatorSessions {
    static final String KEY = "tracewall:ui:session:";
    private static final int TOKEN_BYTES = 32;

    private final Supplier<StateStore> store;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    public OperatorSessions(Supplier<StateStore> store, Duration lifetime) {
        this.store = store;
        this.lifetime = lifetime;
    }

    /** Opens a session and returns its token, for the browser's cookie. */
    public String open(OperatorSession session) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        store.get().put(key(token), session.role().name() + "\n" + session.user(), lifetime);
        return token;
    }

    /** The session of a token, if it is open; nothing for a token that is malformed, ended or never was. */
    public Optional<OperatorSession> find(String token) {
        if (token == null || token.length() > 2 * TOKEN_BYTES || !token.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        return store.get().get(key(token)).flatMap(OperatorSessions::decode);
    }

    public void close(String token) {
        if (token != null && token.matches("[A-Za-z0-9_-]{1,64}")) {
            store.get().delete(key(token));
        }
    }

    public Duration lifetime() {
        return lifetime;
    }

    private static Optional<OperatorSession> decode(String value) {
        int newline = value.indexOf('\n');
        if (newline < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OperatorSession(value.substring(newline + 1), OperatorRole.valueOf(value.substring(0, newline))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return KEY + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
