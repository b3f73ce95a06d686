package org.tracewall.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.tracewall.core.content.ContentRules;
import org.tracewall.core.dnsbl.DnsListSymbols;
import org.tracewall.core.dnsbl.UrlListCheck;
import org.tracewall.core.score.Direction;
import org.tracewall.core.score.ScoreDecision;
import org.tracewall.core.score.ScoreInput;
import org.tracewall.core.score.ScoringPolicy;
import org.tracewall.core.score.Symbol;
import org.tracewall.reputation.bayes.BayesFilter;
import org.tracewall.reputation.bayes.BayesSymbol;
import org.tracewall.reputation.fingerprint.Fingerprint;
import org.tracewall.reputation.fingerprint.FingerprintStore;
import org.tracewall.reputation.text.AttachmentReader;
import org.tracewall.reputation.text.MessageText;
import org.tracewall.reputation.text.MessageTextExtractor;
import org.tracewall.reputation.text.MimeMessageContent;

/**
 * The content checks of one message together, as symbols and a score: content rules, Bayes, the
 * link hosts on the URL lists, bulk and known-spam fingerprints, each through the same symbol
 * makers as the gateway's hooks and mailets, over one parse and one text of the message. James
 * runs these checks one hook at a time (so that each can refuse with its own reply); {@code
 * tracewall eval} runs them here, to measure what the whole content pipeline catches.
 */
public final class ContentChecks {
    private final ContentRules rules;
    private final BayesFilter bayes;
    private final UrlListCheck urlLists;
    private final FingerprintStore fingerprints;
    private final ScoringPolicy scoring;
    private final AttachmentReader attachments;

    public ContentChecks(ContentRules rules, BayesFilter bayes, UrlListCheck urlLists, FingerprintStore fingerprints, ScoringPolicy scoring,
                         AttachmentReader attachments) {
        this.rules = rules;
        this.bayes = bayes;
        this.urlLists = urlLists;
        this.fingerprints = fingerprints;
        this.scoring = scoring;
        this.attachments = attachments;
    }

    /** The checks of an engine, with its fingerprint store and a Bayes filter of the caller's ({@code eval} trains its own). */
    public static ContentChecks of(TracewallEngine engine, BayesFilter bayes) {
        return new ContentChecks(engine.contentRules(), bayes, engine.urlLists(), engine.fingerprints(), engine.scoring(),
            engine.attachments());
    }

    /** One message read once: its MIME form for the header rules and its text for the rest. */
    public static final class Message {
        private final MimeMessage mime;
        private final MessageText text;

        private Message(MimeMessage mime, MessageText text) {
            this.mime = mime;
            this.text = text;
        }

        public MessageText text() {
            return text;
        }
    }

    /** Reads a message (an mbox entry's first line skipped); a message that is not MIME is read as text. */
    public Message read(byte[] raw) {
        try {
            MimeMessage mime = MessageTextExtractor.parse(raw);
            return new Message(mime, MessageTextExtractor.extract(mime, attachments));
        } catch (MessagingException e) {
            return new Message(null, MessageTextExtractor.extract(raw, attachments));
        }
    }

    /**
     * Every content symbol of the message for {@code recipients} recipients. Counts the delivery of
     * its print (bulk is a count over the messages seen), so each message is checked once.
     */
    public List<Symbol> symbols(Message message, int recipients) {
        List<Symbol> symbols = new ArrayList<>();
        if (message.mime != null && !rules.isEmpty()) {
            symbols.addAll(rules.detect(new MimeMessageContent(message.mime, message.text::body)));
        }
        if (bayes.isTrained()) {
            symbols.add(BayesSymbol.of(bayes.spamProbability(message.text)));
        }
        if (urlLists.isConfigured() && !message.text.urlDomains().isEmpty()) {
            symbols.addAll(DnsListSymbols.ofLinks(urlLists.check(message.text.urlDomains())));
        }
        Optional<Fingerprint> print = Fingerprint.of(message.text.body());
        print.ifPresent(p -> symbols.addAll(fingerprints.symbols(p, recipients)));
        return symbols;
    }

    /** The score of those symbols for inbound mail to local recipients, with no client and sender facts. */
    public ScoreDecision score(List<Symbol> symbols) {
        return scoring.evaluate(new ScoreInput(null, null, List.of(), Direction.INBOUND, symbols));
    }

    /** Reports a message as known spam, as an operator or a spam report would: its copies then score FUZZY_SPAM. */
    public void reportSpam(Message message) {
        Fingerprint.of(message.text.body()).ifPresent(fingerprints::reportSpam);
    }
}
