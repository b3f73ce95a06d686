package org.tracewall.core.dns;

import java.util.Objects;

/** One MX answer: preference and exchange host name (absolute, without the trailing dot). */
public final class MxRecord {
    private final int preference;
    private final String exchange;

    public MxRecord(int preference, String exchange) {
        this.preference = preference;
        this.exchange = Objects.requireNonNull(exchange, "exchange");
    }

    public int preference() {
        return preference;
    }

    public String exchange() {
        return exchange;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MxRecord)) {
            return false;
        }
        MxRecord other = (MxRecord) o;
        return preference == other.preference && exchange.equals(other.exchange);
    }

    @Override
    public int hashCode() {
        return Objects.hash(preference, exchange);
    }

    @Override
    public String toString() {
        return preference + " " + exchange;
    }
}
