package org.tracewall.core.av;

import java.util.Objects;
import java.util.Optional;

/** What clamd said about a message: clean, infected (with the signature), or could not say. */
public final class ScanResult {
    /** The three outcomes. */
    public enum Status { CLEAN, INFECTED, UNAVAILABLE }

    private final Status status;
    private final String detail;

    private ScanResult(Status status, String detail) {
        this.status = Objects.requireNonNull(status);
        this.detail = Objects.requireNonNull(detail);
    }

    static ScanResult clean() {
        return new ScanResult(Status.CLEAN, "");
    }

    static ScanResult infected(String signature) {
        return new ScanResult(Status.INFECTED, signature);
    }

    static ScanResult unavailable(String reason) {
        return new ScanResult(Status.UNAVAILABLE, reason);
    }

    public Status status() {
        return status;
    }

    /** The signature name for INFECTED. */
    public Optional<String> signature() {
        return status == Status.INFECTED ? Optional.of(detail) : Optional.empty();
    }

    /** Why the scan could not be done, for UNAVAILABLE. */
    public Optional<String> reason() {
        return status == Status.UNAVAILABLE ? Optional.of(detail) : Optional.empty();
    }

    @Override
    public String toString() {
        return status + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
