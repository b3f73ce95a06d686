package org.tracewall.core.operator;

import java.util.Objects;

/** Who a dashboard session belongs to, and in what role. */
public final class OperatorSession {
    private final String user;
    private final OperatorRole role;

    public OperatorSession(String user, OperatorRole role) {
        this.user = Objects.requireNonNull(user);
        this.role = Objects.requireNonNull(role);
    }

    /** The James user name, as they signed in. */
    public String user() {
        return user;
    }

    public OperatorRole role() {
        return role;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OperatorSession && ((OperatorSession) other).user.equals(user) && ((OperatorSession) other).role == role;
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, role);
    }

    @Override
    public String toString() {
        return user + " (" + role.label() + ")";
    }
}
