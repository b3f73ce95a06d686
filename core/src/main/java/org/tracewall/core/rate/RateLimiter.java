package org.tracewall.core.rate;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.tracewall.core.net.IpAddresses;
import org.tracewall.core.net.IpNetwork;
import org.tracewall.core.store.FailOpen;
import org.tracewall.core.store.StateStore;
import org.tracewall.core.store.StoreUnavailableException;

/**
 * Rate and connection control on the shared {@link StateStore} (sendmail's ratecontrol and
 * conncontrol, policy-group quotas): messages per 15 minutes and per day per
 * client, per sender and per authenticated user, recipients per message, connections per
 * minute. A client that keeps exceeding its limits goes on the high-frequency soft-bounce
 * list (DSL) for a while: all its mail gets 4xx. Never a 5xx. A store that is down
 * lets mail through.
 */
public final class RateLimiter {
    static final Duration QUARTER = Duration.ofMinutes(15);
    static final Duration DAY = Duration.ofDays(1);
    static final Duration MINUTE = Duration.ofMinutes(1);
    private static final String DSL_SET = "tw:rl:dsl";

    private final StateStore store;
    private final RateConfig config;
    private final LongSupplier clockMillis;
    private final FailOpen failOpen;

    public RateLimiter(StateStore store, RateConfig config) {
        this(store, config, System::currentTimeMillis);
    }

    public RateLimiter(StateStore store, RateConfig config, LongSupplier clockMillis) {
        this(store, config, clockMillis, new FailOpen("rate control"));
    }

    /** @param failOpen the fail-open count, kept by the caller when the limits change at run time */
    public RateLimiter(StateStore store, RateConfig config, LongSupplier clockMillis, FailOpen failOpen) {
        this.store = Objects.requireNonNull(store);
        this.config = Objects.requireNonNull(config);
        this.clockMillis = Objects.requireNonNull(clockMillis);
        this.failOpen = Objects.requireNonNull(failOpen);
    }

    public RateConfig config() {
        return config;
    }

    public long failOpenCount() {
        return failOpen.count();
    }

    /** At connect: the soft-bounce list, then connections per minute. */
    public RateDecision onConnect(InetAddress client) {
        InetAddress ip = IpNetwork.normalize(client);
        if (config.isExempt(ip)) {
            return RateDecision.allow();
        }
        return guarded(() -> {
            Optional<Instant> listed = dslUntil(ip);
            if (listed.isPresent()) {
                return RateDecision.disconnect("dsl", softBounceText(ip, listed.get()));
            }
            Limits limits = config.limitsFor(ip, "");
            long connections = store.increment("tw:rl:conn:" + key(ip), MINUTE);
            if (over(connections, limits.connectionsPerMinute())) {
                return strike(ip, RateDecision.disconnect(Limits.CONNECTIONS_PER_MINUTE, "Too many connections from "
                    + IpAddresses.readable(ip) + " (" + limits.connectionsPerMinute() + " per minute); slow down"));
            }
            return RateDecision.allow();
        });
    }

    /** At MAIL FROM: counts one message for the client, the sender and the authenticated user. */
    public RateDecision onMail(InetAddress client, String sender, Optional<String> authUser) {
        InetAddress ip = IpNetwork.normalize(client);
        if (config.isExempt(ip)) {
            return RateDecision.allow();
        }
        return guarded(() -> {
            Optional<Instant> listed = dslUntil(ip);
            if (listed.isPresent()) {
                return RateDecision.defer("dsl", softBounceText(ip, listed.get()));
            }
            Limits limits = config.limitsFor(ip, sender);
            String client15 = "tw:rl:m15:c:" + key(ip);
            if (over(store.increment(client15, QUARTER), limits.messagesPer15m())) {
                return strike(ip, RateDecision.defer(Limits.MESSAGES_PER_15M, "Too many messages from "
                    + IpAddresses.readable(ip) + " (" + limits.messagesPer15m() + " per 15 minutes); try again later"));
            }
            if (over(store.increment("tw:rl:md:c:" + key(ip), DAY), limits.messagesPerDay())) {
                return strike(ip, RateDecision.defer(Limits.MESSAGES_PER_DAY, "Too many messages from "
                    + IpAddresses.readable(ip) + " today (" + limits.messagesPerDay() + "); try again tomorrow"));
            }
            if (!sender.isEmpty() && over(store.increment("tw:rl:m15:s:" + sender.toLowerCase(Locale.ROOT), QUARTER),
                limits.senderMessagesPer15m())) {
                return strike(ip, RateDecision.defer(Limits.SENDER_MESSAGES_PER_15M, "Too many messages from <" + sender
                    + "> (" + limits.senderMessagesPer15m() + " per 15 minutes); try again later"));
            }
            if (authUser.isPresent() && over(store.increment("tw:rl:m15:u:" + authUser.get().toLowerCase(Locale.ROOT), QUARTER),
                limits.userMessagesPer15m())) {
                return strike(ip, RateDecision.defer(Limits.USER_MESSAGES_PER_15M, "Too many messages from user "
                    + authUser.get() + " (" + limits.userMessagesPer15m() + " per 15 minutes); try again later"));
            }
            if (authUser.isPresent() && over(store.increment("tw:rl:md:u:" + authUser.get().toLowerCase(Locale.ROOT), DAY),
                limits.userMessagesPerDay())) {
                return strike(ip, RateDecision.defer(Limits.USER_MESSAGES_PER_DAY, "Too many messages from user "
                    + authUser.get() + " today (" + limits.userMessagesPerDay() + "); try again tomorrow"));
            }
            return RateDecision.allow();
        });
    }

    /** At RCPT TO: {@code recipients} is the count including this one. */
    public RateDecision onRcpt(InetAddress client, String sender, int recipients) {
        return onRcpt(client, sender, recipients, Optional.empty());
    }

    /**
     * At RCPT TO, also counting the recipient for the authenticated user: an account that suddenly
     * sends to hundreds (a stolen password, a worm) is told to wait (452), its mail not dropped.
     */
    public RateDecision onRcpt(InetAddress client, String sender, int recipients, Optional<String> authUser) {
        InetAddress ip = IpNetwork.normalize(client);
        if (config.isExempt(ip)) {
            return RateDecision.allow();
        }
        Limits limits = config.limitsFor(ip, sender);
        int max = limits.recipientsPerMessage();
        if (over(recipients, max)) {
            return RateDecision.defer(Limits.RECIPIENTS_PER_MESSAGE, "Too many recipients (" + max
                + " per message); send the rest in another message");
        }
        if (authUser.isEmpty()) {
            return RateDecision.allow();
        }
        return guarded(() -> over(store.increment("tw:rl:r15:u:" + authUser.get().toLowerCase(Locale.ROOT), QUARTER),
            limits.userRecipientsPer15m())
            ? RateDecision.defer(Limits.USER_RECIPIENTS_PER_15M, "Too many recipients from user " + authUser.get() + " ("
                + limits.userRecipientsPer15m() + " per 15 minutes); try again later")
            : RateDecision.allow());
    }

    /** Puts a client on the soft-bounce list by hand (WebAdmin). */
    public void softBounce(InetAddress client, Duration duration) {
        InetAddress ip = IpNetwork.normalize(client);
        long until = clockMillis.getAsLong() + duration.toMillis();
        store.put("tw:rl:dsl:" + key(ip), Long.toString(until), duration);
        store.addToSet(DSL_SET, key(ip));
    }

    public void removeSoftBounce(InetAddress client) {
        InetAddress ip = IpNetwork.normalize(client);
        store.delete("tw:rl:dsl:" + key(ip));
        store.removeFromSet(DSL_SET, key(ip));
    }

    /** The soft-bounce list: client address to the end of its listing; stale entries are dropped. */
    public Map<String, Instant> softBounceList() {
        Map<String, Instant> list = new TreeMap<>();
        for (String ip : store.members(DSL_SET)) {
            Optional<String> until = store.get("tw:rl:dsl:" + ip);
            if (until.isPresent()) {
                list.put(ip, Instant.ofEpochMilli(Long.parseLong(until.get())));
            } else {
                store.removeFromSet(DSL_SET, ip);
            }
        }
        return list;
    }

    /** Current counters of a client (and optionally a sender), for operators. */
    public Map<String, Long> counters(InetAddress client, String sender) {
        InetAddress ip = IpNetwork.normalize(client);
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("clientMessagesPer15m", read("tw:rl:m15:c:" + key(ip)));
        counters.put("clientMessagesPerDay", read("tw:rl:md:c:" + key(ip)));
        counters.put("clientConnectionsPerMinute", read("tw:rl:conn:" + key(ip)));
        counters.put("strikes", read("tw:rl:strike:" + key(ip)));
        if (sender != null && !sender.isEmpty()) {
            counters.put("senderMessagesPer15m", read("tw:rl:m15:s:" + sender.toLowerCase(Locale.ROOT)));
        }
        return counters;
    }

    private long read(String key) {
        return store.get(key).map(v -> v.substring(v.indexOf('|') + 1)).map(Long::parseLong).orElse(0L);
    }

    private Optional<Instant> dslUntil(InetAddress ip) {
        return store.get("tw:rl:dsl:" + key(ip)).map(v -> Instant.ofEpochMilli(Long.parseLong(v)));
    }

    /** Counts a limit hit; enough hits within the window put the client on the soft-bounce list. */
    private RateDecision strike(InetAddress ip, RateDecision decision) {
        if (config.dslStrikes() > 0 && store.increment("tw:rl:strike:" + key(ip), config.dslWindow()) >= config.dslStrikes()) {
            softBounce(ip, config.dslDuration());
        }
        return decision;
    }

    private RateDecision guarded(Supplier<RateDecision> check) {
        try {
            return check.get();
        } catch (StoreUnavailableException e) {
            failOpen.record(e);
            return RateDecision.allow();
        }
    }

    private static boolean over(long count, int limit) {
        return limit > 0 && count > limit;
    }

    private static String key(InetAddress ip) {
        return IpAddresses.readable(ip);
    }

    private static String softBounceText(InetAddress ip, Instant until) {
        return IpAddresses.readable(ip) + " is on the high-frequency soft-bounce list until " + until
            + " for exceeding its sending limits; try again later";
    }
}
