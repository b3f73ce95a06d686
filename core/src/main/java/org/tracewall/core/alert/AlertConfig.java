package org.tracewall.core.alert;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tracewall.core.config.ConfigValues;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;
import org.tracewall.core.net.IpAddresses;

/**
 * The {@code alert.*} section: where alerts go (a webhook, mail to operators, or both; neither by
 * default, and then nothing is checked) and the thresholds that raise them, each measured over one
 * check interval on this node.
 */
public final class AlertConfig {
    public static final Option<Optional<URI>> WEBHOOK = Option.<Optional<URI>>of("alert.webhook", "http(s) URL", AlertConfig::webhook,
        Optional.empty(),
        "where each alert is POSTed as JSON ({\"alert\":\"rejected-share\",\"message\":...}); none: no webhook").defaultReads("none");
    public static final Option<List<String>> MAIL_TO = Option.of("alert.mailTo", "mail addresses", ConfigValues::mailAddresses, List.of(),
        "operators' addresses that get each alert as a mail (from the postmaster); none: no mail");
    public static final Option<String> MAIL_PROCESSOR = Option.text("alert.mailProcessor", "transport",
        "the James processor alert and report mails enter: past the checks of root, which would judge a mail the server wrote itself");
    public static final Option<Duration> INTERVAL = Option.positiveDuration("alert.interval", Duration.ofMinutes(5),
        "how often the thresholds are checked; each rate below is measured over one interval");
    public static final Option<Duration> REPEAT_AFTER = Option.positiveDuration("alert.repeatAfter", Duration.ofHours(1),
        "an alert of one kind is not sent again within this time, by any node (the state store remembers it)");
    public static final Option<Double> REJECTED_SHARE = Option.of("alert.rejectedShare", "number 0–1", AlertConfig::share, 0.5,
        "alert when more than this share of the interval's decisions rejected the message");
    public static final Option<Integer> MIN_DECISIONS = Option.integer("alert.minDecisions", 50, 1, 1_000_000,
        "the rejected share counts only in an interval with at least this many decisions");
    public static final Option<Integer> FAIL_OPEN = Option.integer("alert.failOpen", 10, 1, 1_000_000,
        "alert when checks failed open (the state store or Tika did not answer) more often than this in an interval");
    public static final Option<Integer> QUEUE_GROWTH = Option.integer("alert.queueGrowth", 1000, 1, 10_000_000,
        "alert when James's spool queue grew by more than this many mails in an interval");
    public static final Option<List<InetAddress>> OWN_ADDRESSES = Option.of("alert.ownAddresses", "IP addresses", AlertConfig::addresses,
        List.of(), "this server's sending addresses: alert when one of the IP lists of dnsbl.list.* lists one");
    public static final OptionSection OPTIONS = OptionSection.of("alert.", "Alerts", WEBHOOK, MAIL_TO, MAIL_PROCESSOR, INTERVAL, REPEAT_AFTER,
        REJECTED_SHARE, MIN_DECISIONS, FAIL_OPEN, QUEUE_GROWTH, OWN_ADDRESSES);

    private final OptionValues values;

    private AlertConfig(OptionValues values) {
        this.values = values;
    }

    public static AlertConfig fromProperties(Map<String, String> properties) {
        return new AlertConfig(OPTIONS.read(properties));
    }

    /** Whether any alert can go anywhere: without a webhook or an address, nothing is checked. */
    public boolean enabled() {
        return webhook().isPresent() || !mailTo().isEmpty();
    }

    public Optional<URI> webhook() {
        return values.get(WEBHOOK);
    }

    public List<String> mailTo() {
        return values.get(MAIL_TO);
    }

    public String mailProcessor() {
        return values.get(MAIL_PROCESSOR);
    }

    public Duration interval() {
        return values.get(INTERVAL);
    }

    public Duration repeatAfter() {
        return values.get(REPEAT_AFTER);
    }

    public double rejectedShare() {
        return values.get(REJECTED_SHARE);
    }

    public int minDecisions() {
        return values.get(MIN_DECISIONS);
    }

    public int failOpen() {
        return values.get(FAIL_OPEN);
    }

    public int queueGrowth() {
        return values.get(QUEUE_GROWTH);
    }

    public List<InetAddress> ownAddresses() {
        return values.get(OWN_ADDRESSES);
    }

    /** "https://chat.example.com/…": a webhook URL without its path, which may carry a secret (for logs and dumps). */
    public static String describeWebhook(String url) {
        try {
            URI uri = new URI(url.trim());
            return uri.getScheme() + "://" + uri.getRawAuthority() + "/…";
        } catch (URISyntaxException e) {
            return "(not a URL)";
        }
    }

    private static Optional<URI> webhook(String key, String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // named below, without the value: it may carry a secret
        }
        throw new IllegalArgumentException(key + ": not an http:// or https:// URL (" + describeWebhook(value) + ")");
    }

    private static List<InetAddress> addresses(String key, String value) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String text : ConfigValues.list(value)) {
            try {
                addresses.add(IpAddresses.parseLiteral(text));
            } catch (IllegalArgumentException e) {
                throw ConfigValues.bad(key, text, "IP addresses (a DNS list is asked about one address, not a network)");
            }
        }
        return List.copyOf(addresses);
    }

    private static Double share(String key, String value) {
        double share = ConfigValues.number(key, value);
        if (share < 0 || share > 1) {
            throw ConfigValues.bad(key, value, "a share from 0 to 1");
        }
        return share;
    }
}
