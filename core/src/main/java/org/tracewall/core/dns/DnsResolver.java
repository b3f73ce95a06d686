package org.tracewall.core.dns;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The one DNS facade every Tracewall check uses. Implementations never throw for DNS
 * trouble: every outcome, including timeouts, is a {@link DnsAnswer} whose
 * {@link DnsStatus} tells "not there" apart from "could not ask".
 */
public interface DnsResolver {

    /**
     * A resolver without servers: every question is a temporary failure. For components that
     * must be built but whose verdicts come from elsewhere (stored attributes, unit tests).
     */
    static DnsResolver offline() {
        return (name, type) -> CompletableFuture.completedFuture(DnsAnswer.temporaryFailure("offline"));
    }

    /** Asks for {@code type} records of the absolute {@code name}; always completes normally. */
    CompletionStage<DnsAnswer<Record>> lookupAsync(Name name, int type);

    /**
     * Whether an answer for {@code type} records of {@code name} is cached now, so asking costs no
     * network round trip. Resolvers without a cache say no.
     */
    default boolean isCached(String name, int type) {
        return false;
    }

    /** Blocking form of {@link #lookupAsync}, bounded by the implementation's deadline. */
    default DnsAnswer<Record> lookup(Name name, int type) {
        return lookupAsync(name, type).toCompletableFuture().join();
    }

    /** Same as {@link #lookup(Name, int)} for a textual name; a malformed name is a permanent failure. */
    default DnsAnswer<Record> lookup(String name, int type) {
        try {
            return lookup(toName(name), type);
        } catch (TextParseException e) {
            return DnsAnswer.permanentFailure("invalid name: " + e.getMessage());
        }
    }

    /**
     * TXT records, each one's strings concatenated without separator (RFC 7208 section 3.3).
     * Bytes are mapped one to one onto chars (ISO-8859-1), so a non-ASCII byte stays visible
     * as a char above 0x7f instead of becoming an escape sequence that looks like ASCII.
     */
    default DnsAnswer<String> txt(String name) {
        return lookup(name, Type.TXT).map(DnsResolver::joinedText);
    }

    /** A (or, with {@code ipv6}, AAAA) addresses of a host name. */
    default DnsAnswer<InetAddress> addresses(String name, boolean ipv6) {
        return addressesAsync(name, ipv6).join();
    }

    /** As {@link #addresses}, without waiting: several questions of one check can be in flight at once. */
    default CompletableFuture<DnsAnswer<InetAddress>> addressesAsync(String name, boolean ipv6) {
        return lookupAsync(name, ipv6 ? Type.AAAA : Type.A).thenApply(answer -> answer.map(DnsResolver::address));
    }

    /** As {@link #lookup(String, int)}, without waiting; a malformed name is a permanent failure at once. */
    default CompletableFuture<DnsAnswer<Record>> lookupAsync(String name, int type) {
        try {
            return lookupAsync(toName(name), type).toCompletableFuture();
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(DnsAnswer.permanentFailure("invalid name: " + e.getMessage()));
        }
    }

    /** MX records of a domain, exchange names without the trailing dot. */
    default DnsAnswer<MxRecord> mx(String name) {
        return lookup(name, Type.MX).map(r -> {
            MXRecord mx = (MXRecord) r;
            return new MxRecord(mx.getPriority(), hostName(mx.getTarget()));
        });
    }

    /** PTR names of an address (in-addr.arpa or ip6.arpa), without the trailing dot. */
    default DnsAnswer<String> ptr(InetAddress address) {
        return ptrAsync(address).join();
    }

    /** As {@link #ptr}, without waiting. */
    default CompletableFuture<DnsAnswer<String>> ptrAsync(InetAddress address) {
        return lookupAsync(ReverseMap.fromAddress(address), Type.PTR).toCompletableFuture()
            .thenApply(answer -> answer.map(r -> hostName(((PTRRecord) r).getTarget())));
    }

    /** Parses a host or domain name as an absolute name; a trailing dot is optional. */
    static Name toName(String name) throws TextParseException {
        return Name.fromString(name, Name.root);
    }

    /** The textual form of a name without the trailing root dot. */
    static String hostName(Name name) {
        String text = name.toString(true);
        return text.isEmpty() ? "." : text;
    }

    private static String joinedText(Record record) {
        return ((TXTRecord) record).getStringsAsByteArrays().stream()
            .map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1))
            .collect(Collectors.joining());
    }

    private static InetAddress address(Record record) {
        if (record instanceof ARecord) {
            return ((ARecord) record).getAddress();
        }
        return ((AAAARecord) record).getAddress();
    }
}
