package org.tracewall.core.dnsbl;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.dns.DnsAnswer;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.dns.DnsStatus;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.net.IpNetwork;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks DNS lists about a client address (IPv4 octets or IPv6 nibbles reversed under the zone)
 * and about domains (HELO, MAIL FROM, URLs: {@code domain.zone}). NXDOMAIN means not listed; a
 * DNS failure makes that list unavailable for this check, never a listing.
 *
 * <p>The questions are asked at once, each within the resolver's deadline, and answers are cached,
 * so a busy gateway rarely waits on the wire. (They were asked one by one while dnsjava 3.5.2's
 * shared NIO client lost answers under parallel queries; Tracewall's own blocking sockets,
 * {@code SocketResolver}, replaced that client.)
 */
public final class DnsListChecker {
    private static final Logger LOGGER = LoggerFactory.getLogger(DnsListChecker.class);

    private final DnsResolver dns;
    private final List<DnsList> lists;
    private final Map<String, LongAdder> errorAnswers;

    public DnsListChecker(DnsResolver dns, List<DnsList> lists) {
        this(dns, lists, new ConcurrentHashMap<>());
    }

    /** @param errorAnswers the error answers counted by zone, kept by the caller when the lists change at run time */
    public DnsListChecker(DnsResolver dns, List<DnsList> lists, Map<String, LongAdder> errorAnswers) {
        this.dns = Objects.requireNonNull(dns);
        this.lists = List.copyOf(lists);
        this.errorAnswers = errorAnswers;
    }

    public List<DnsList> lists() {
        return lists;
    }

    /** Asks the address lists about {@code client} and the domain lists about each of {@code domains}, all at once. */
    public DnsListVerdict check(InetAddress client, List<String> domains) {
        InetAddress ip = IpNetwork.normalize(client);
        String reversed = reversed(ip);
        List<CompletableFuture<Answer>> pending = new ArrayList<>();
        for (DnsList list : lists) {
            if (list.kind() == DnsList.Kind.IP) {
                pending.add(ask(list, reversed + "." + list.zone(), IpAddresses.readable(ip)));
            } else if (list.kind() == DnsList.Kind.DOMAIN) {
                for (String domain : domains.stream().distinct().collect(Collectors.toList())) {
                    if (domain != null && !domain.isEmpty()) {
                        pending.add(ask(list, domain + "." + list.zone(), domain));
                    }
                }
            }
        }
        return verdict(pending);
    }

    /** Whether any list is asked about the hosts of links ({@link DnsList.Kind#URL}). */
    public boolean hasUrlLists() {
        return lists.stream().anyMatch(list -> list.kind() == DnsList.Kind.URL);
    }

    /**
     * Asks the URL lists about the link names of a message ({@link UrlListNames}: registrable
     * domains, and IPv4 addresses, which the lists take reversed like client addresses), all at once.
     */
    public DnsListVerdict checkUrls(List<String> names) {
        List<CompletableFuture<Answer>> pending = new ArrayList<>();
        for (DnsList list : lists) {
            if (list.kind() != DnsList.Kind.URL) {
                continue;
            }
            for (String name : names) {
                String query = UrlListNames.isIpv4(name) ? reversed(IpAddresses.parseLiteral(name)) : name;
                pending.add(ask(list, query + "." + list.zone(), name));
            }
        }
        return verdict(pending);
    }

    private DnsListVerdict verdict(List<CompletableFuture<Answer>> pending) {
        // Each lookup ends within the resolver's deadline (a timeout is an answer), so this wait is bounded.
        List<Answer> answers = pending.stream().map(CompletableFuture::join).collect(Collectors.toList());
        List<DnsListHit> hits = new ArrayList<>();
        List<DnsList> unavailable = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Answer answer : answers) {
            answer.errors.forEach(code -> errors.add(errorAnswer(answer, code)));
            if (answer.status == DnsStatus.TEMPORARY_FAILURE || answer.status == DnsStatus.PERMANENT_FAILURE) {
                unavailable.add(answer.list);
            } else if (!answer.codes.isEmpty()) {
                hits.add(new DnsListHit(answer.list, answer.queried, answer.codes));
            }
        }
        return new DnsListVerdict(hits, unavailable, errors);
    }

    /**
     * How many error answers (127.255.255.x) each list zone gave since start. A list that answers
     * only errors silently protects nothing, so each one is counted and logged, not dropped.
     */
    public Map<String, Long> errorAnswerCounts() {
        Map<String, Long> counts = new TreeMap<>();
        errorAnswers.forEach((zone, count) -> counts.put(zone, count.sum()));
        return counts;
    }

    private String errorAnswer(Answer answer, InetAddress code) {
        LongAdder count = errorAnswers.computeIfAbsent(answer.list.zone(), zone -> new LongAdder());
        count.increment();
        String text = answer.list.zone() + " answered " + code.getHostAddress() + " for " + answer.queried + ": "
            + DnsList.errorMeaning(code) + "; not counted as a listing";
        long seen = count.sum();
        if (seen == 1 || seen % 1000 == 0) {
            LOGGER.warn("DNS list {} ({} error answer(s) so far)", text, seen);
        }
        return text;
    }

    private CompletableFuture<Answer> ask(DnsList list, String name, String queried) {
        Name query;
        try {
            query = DnsResolver.toName(name);
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(new Answer(list, queried, DnsStatus.NO_SUCH_NAME, List.of(), List.of()));
        }
        return dns.lookupAsync(query, Type.A).toCompletableFuture().thenApply(answer -> interpret(list, queried, answer));
    }

    private static Answer interpret(DnsList list, String queried, DnsAnswer<Record> answer) {
        List<String> codes = new ArrayList<>();
        List<InetAddress> errors = new ArrayList<>();
        for (Record record : answer.records()) {
            InetAddress code = ((ARecord) record).getAddress();
            if (DnsList.isErrorCode(code)) {
                errors.add(code);
            } else if (list.counts(code)) {
                codes.add(code.getHostAddress());
            }
        }
        return new Answer(list, queried, answer.status(), codes, errors);
    }

    /** The query name of an address: 4.3.2.1 for 1.2.3.4, 32 reversed nibbles for IPv6. */
    static String reversed(InetAddress ip) {
        String[] parts = IpAddresses.spfDotted(ip).split("\\.");
        StringBuilder sb = new StringBuilder();
        for (int i = parts.length - 1; i >= 0; i--) {
            sb.append(parts[i]);
            if (i > 0) {
                sb.append('.');
            }
        }
        return sb.toString();
    }

    private static final class Answer {
        private final DnsList list;
        private final String queried;
        private final DnsStatus status;
        private final List<String> codes;
        private final List<InetAddress> errors;

        Answer(DnsList list, String queried, DnsStatus status, List<String> codes, List<InetAddress> errors) {
            this.list = list;
            this.queried = queried;
            this.status = status;
            this.codes = codes;
            this.errors = errors;
        }
    }
}
