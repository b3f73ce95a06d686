package org.tracewall.core.operator;

import java.util.Locale;

/**
 * What a person signed in to the dashboard may do: an {@link #ADMIN} everything, an
 * {@link #AUDITOR} look at everything and change nothing, a {@link #USER} see and release the
 * mail held for their own address only.
 */
public enum OperatorRole {
    ADMIN, AUDITOR, USER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
