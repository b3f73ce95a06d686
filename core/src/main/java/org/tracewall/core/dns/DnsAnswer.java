package org.tracewall.core.dns;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The immutable result of one DNS question: a {@link DnsStatus}, the records (empty unless
 * {@code OK}) and, for failures, a short human reason such as {@code "timeout"}.
 *
 * @param <T> the record representation (String for TXT, InetAddress for A/AAAA ...)
 */
public final class DnsAnswer<T> {
    private final DnsStatus status;
    private final List<T> records;
    private final String reason;

    private DnsAnswer(DnsStatus status, List<T> records, String reason) {
        this.status = Objects.requireNonNull(status, "status");
        this.records = List.copyOf(records);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public static <T> DnsAnswer<T> ok(List<T> records) {
        if (records.isEmpty()) {
            return noData();
        }
        return new DnsAnswer<>(DnsStatus.OK, records, "");
    }

    public static <T> DnsAnswer<T> noSuchName() {
        return new DnsAnswer<>(DnsStatus.NO_SUCH_NAME, List.of(), "NXDOMAIN");
    }

    public static <T> DnsAnswer<T> noData() {
        return new DnsAnswer<>(DnsStatus.NO_DATA, List.of(), "no data");
    }

    public static <T> DnsAnswer<T> temporaryFailure(String reason) {
        return new DnsAnswer<>(DnsStatus.TEMPORARY_FAILURE, List.of(), reason);
    }

    public static <T> DnsAnswer<T> permanentFailure(String reason) {
        return new DnsAnswer<>(DnsStatus.PERMANENT_FAILURE, List.of(), reason);
    }

    public DnsStatus status() {
        return status;
    }

    public List<T> records() {
        return records;
    }

    public String reason() {
        return reason;
    }

    public boolean isOk() {
        return status == DnsStatus.OK;
    }

    public boolean isTemporaryFailure() {
        return status == DnsStatus.TEMPORARY_FAILURE;
    }

    /** Same status and reason, records converted one by one. */
    public <R> DnsAnswer<R> map(Function<? super T, ? extends R> mapper) {
        List<R> mapped = records.stream().map(mapper).collect(Collectors.toList());
        return new DnsAnswer<>(status, mapped, reason);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DnsAnswer)) {
            return false;
        }
        DnsAnswer<?> other = (DnsAnswer<?>) o;
        return status == other.status && records.equals(other.records) && reason.equals(other.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, records, reason);
    }

    @Override
    public String toString() {
        return status == DnsStatus.OK ? "OK" + records : status + "(" + reason + ")";
    }
}
