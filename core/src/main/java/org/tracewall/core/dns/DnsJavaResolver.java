package org.tracewall.core.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * {@link DnsResolver} over dnsjava's asynchronous {@link Resolver}: UDP with TCP fallback on
 * truncation (Tracewall's {@link SocketResolver} per server), retries over the configured
 * servers, a hard deadline per lookup, CNAME chains followed (at most
 * {@value #MAX_CNAME_HOPS} hops), and a TTL-honouring cache.
 *
 * <p>Only answer records that belong to the question's CNAME chain are used, so a server
 * cannot slip unrelated records into the result (dnsjava 3.5.2's own {@code LookupSession}
 * did not sanitize answers: CVE-2024-25638). The legacy {@code Lookup} statics are left to
 * James, which owns them.
 */
public final class DnsJavaResolver implements DnsResolver {
    static final int MAX_CNAME_HOPS = 8;
    private static final long DEFAULT_NEGATIVE_TTL = 60;

    private final Resolver resolver;
    private final DnsConfig config;
    private final DnsCache cache;
    /** Counted for the operator's metrics: each asked name and type, how many the cache answered, how many failed for now. */
    private final LongAdder lookups = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder temporaryFailures = new LongAdder();

    DnsJavaResolver(Resolver resolver, DnsConfig config, DnsCache cache) {
        this.resolver = resolver;
        this.config = config;
        this.cache = cache;
    }

    /** A resolver for the configured (or system) servers. */
    public static DnsJavaResolver create(DnsConfig config) {
        List<Resolver> servers = new ArrayList<>();
        for (InetSocketAddress address : config.effectiveServers()) {
            SocketResolver server = new SocketResolver(address);
            server.setTimeout(config.timeout());
            servers.add(server);
        }
        ExtendedResolver extended = new ExtendedResolver(servers);
        extended.setRetries(config.retries());
        // ExtendedResolver's timeout only stops retrying; it must exceed one server's timeout.
        extended.setTimeout(config.timeout().multipliedBy((long) servers.size() * (config.retries() + 1)));
        return new DnsJavaResolver(extended, config, new DnsCache(config.cacheSize(), config.cacheMaxTtl(), System::nanoTime));
    }

    public DnsConfig config() {
        return config;
    }

    /** Number of answers currently cached. */
    public int cachedAnswers() {
        return cache.size();
    }

    /** Questions asked of this resolver (a CNAME chased counts once more). */
    public long lookups() {
        return lookups.sum();
    }

    /** Questions the cache answered. */
    public long cacheHits() {
        return cacheHits.sum();
    }

    /** Questions that ended in a temporary failure (timeout, SERVFAIL, nothing sent). */
    public long temporaryFailures() {
        return temporaryFailures.sum();
    }

    /** Forgets every cached answer. */
    public void clearCache() {
        cache.clear();
    }

    @Override
    public boolean isCached(String name, int type) {
        try {
            return cache.get(DnsResolver.toName(name), type) != null;
        } catch (TextParseException e) {
            return false;
        }
    }

    @Override
    public CompletionStage<DnsAnswer<Record>> lookupAsync(Name name, int type) {
        return lookup(name, type, 0);
    }

    private CompletableFuture<DnsAnswer<Record>> lookup(Name name, int type, int hops) {
        lookups.increment();
        DnsAnswer<Record> cached = cache.get(name, type);
        if (cached != null) {
            cacheHits.increment();
            return CompletableFuture.completedFuture(cached);
        }
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        CompletableFuture<Message> sent;
        try {
            sent = resolver.sendAsync(query).toCompletableFuture();
        } catch (RuntimeException e) {
            temporaryFailures.increment();
            return CompletableFuture.completedFuture(DnsAnswer.temporaryFailure("cannot send: " + e));
        }
        return sent.orTimeout(config.deadline().toMillis(), TimeUnit.MILLISECONDS)
            .handle((response, error) -> error != null ? failure(error) : interpret(name, type, response))
            .whenComplete((result, error) -> {
                if (result != null && result.answer != null && result.answer.isTemporaryFailure()) {
                    temporaryFailures.increment();
                }
            })
            .thenCompose(result -> result.chaseTo == null
                ? CompletableFuture.completedFuture(result.answer)
                : chase(name, type, result.chaseTo, hops));
    }

    private CompletableFuture<DnsAnswer<Record>> chase(Name name, int type, Name target, int hops) {
        if (hops >= MAX_CNAME_HOPS) {
            return CompletableFuture.completedFuture(DnsAnswer.permanentFailure("CNAME chain too long at " + name));
        }
        return lookup(target, type, hops + 1);
    }

    private Interpreted interpret(Name name, int type, Message response) {
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            DnsAnswer<Record> answer = DnsAnswer.noSuchName();
            cache.put(name, type, answer, negativeTtl(response));
            return new Interpreted(answer, null);
        }
        if (rcode == Rcode.SERVFAIL) {
            return new Interpreted(DnsAnswer.temporaryFailure("SERVFAIL"), null);
        }
        if (rcode != Rcode.NOERROR) {
            return new Interpreted(DnsAnswer.permanentFailure(Rcode.string(rcode)), null);
        }
        return interpretNoError(name, type, response);
    }

    private Interpreted interpretNoError(Name name, int type, Message response) {
        Name current = name;
        List<Record> found = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
            Name owner = current;
            Record cname = null;
            for (Record r : response.getSection(Section.ANSWER)) {
                if (r.getDClass() != DClass.IN || !r.getName().equals(owner)) {
                    continue;
                }
                if (r.getType() == type) {
                    found.add(r);
                    ttl = Math.min(ttl, r.getTTL());
                } else if (r.getType() == Type.CNAME && type != Type.CNAME) {
                    cname = r;
                }
            }
            if (!found.isEmpty() || cname == null) {
                break;
            }
            ttl = Math.min(ttl, cname.getTTL());
            current = ((CNAMERecord) cname).getTarget();
        }
        if (!found.isEmpty()) {
            DnsAnswer<Record> answer = DnsAnswer.ok(found);
            cache.put(name, type, answer, ttl);
            return new Interpreted(answer, null);
        }
        if (!current.equals(name)) {
            // The chain ended on a name whose data the server did not include: ask for it.
            return new Interpreted(null, current);
        }
        DnsAnswer<Record> answer = DnsAnswer.noData();
        cache.put(name, type, answer, negativeTtl(response));
        return new Interpreted(answer, null);
    }

    private static long negativeTtl(Message response) {
        for (Record r : response.getSection(Section.AUTHORITY)) {
            if (r instanceof SOARecord) {
                return Math.min(r.getTTL(), ((SOARecord) r).getMinimum());
            }
        }
        return DEFAULT_NEGATIVE_TTL;
    }

    private static Interpreted failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (isTimeout(cause)) {
            return new Interpreted(DnsAnswer.temporaryFailure("timeout"), null);
        }
        if (cause instanceof WireParseException) {
            // Garbage on the wire is as likely a broken middlebox or a spoof as a real answer.
            return new Interpreted(DnsAnswer.temporaryFailure("malformed answer: " + describe(cause)), null);
        }
        if (cause instanceof IOException) {
            return new Interpreted(DnsAnswer.temporaryFailure("network: " + describe(cause)), null);
        }
        return new Interpreted(DnsAnswer.temporaryFailure("resolver error: " + cause), null);
    }

    private static String describe(Throwable error) {
        return error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
    }

    private static boolean isTimeout(Throwable error) {
        // ExtendedResolver reports its own give-up as a plain IOException("Timed out ...").
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
                return true;
            }
            String message = t.getMessage();
            if (t instanceof IOException && message != null && message.toLowerCase(Locale.ROOT).contains("timed out")) {
                return true;
            }
        }
        return false;
    }

    /** Either a final answer or a CNAME target still to be asked for. */
    private static final class Interpreted {
        private final DnsAnswer<Record> answer;
        private final Name chaseTo;

        Interpreted(DnsAnswer<Record> answer, Name chaseTo) {
            this.answer = answer;
            this.chaseTo = chaseTo;
        }
    }
}
