package org.tracewall.james.mailets;

import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.tracewall.core.store.FailOpen;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.james.BayesAttributes;
import org.tracewall.james.MailText;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.james.TracewallRuntime;
import org.tracewall.reputation.bayes.BayesFilter;
import org.tracewall.reputation.bayes.BayesSymbol;
import org.tracewall.reputation.text.AttachmentReader;

/**
 * Classifies the message with the Bayes model ({@code bayes.model}, learned with {@code tracewall
 * learn} or {@code BayesLearn}): header {@code X-Tracewall-Bayes: 0.9731 (spam)}, the attribute
 * {@code org.tracewall.bayes.probability}, and the scoring symbol {@code BAYES} with factor
 * 2p - 1, so that {@code ScoreMessage} weighs it ({@code score.weight.BAYES}, default 6). While
 * the model has fewer than 20 spam or ham messages the header says {@code untrained} and
 * nothing else is recorded; with the model in the state store ({@code bayes.store=state}) and the
 * store down, it says {@code unavailable} and the message is scored without Bayes (fail open).
 * Reads at most the first 4 MB of a message.
 *
 * <pre>{@code
 * <mailet match="All" class="org.tracewall.james.mailets.BayesScore"/>
 * }</pre>
 */
public class BayesScore extends GenericMailet {
    public static final String HEADER = "X-Tracewall-Bayes";

    private final BayesFilter filter;
    private final AttachmentReader attachments;
    private final FailOpen failOpen = new FailOpen("bayes-score");

    @Inject
    public BayesScore(TracewallRuntime runtime) {
        this(runtime.bayes(), runtime.attachments());
    }

    BayesScore(BayesFilter filter, AttachmentReader attachments) {
        this.filter = filter;
        this.attachments = attachments;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        mail.getMessage().removeHeader(HEADER);
        double p;
        try {
            if (!filter.isTrained()) {
                setHeader(mail, "untrained");
                return;
            }
            p = filter.spamProbability(MailText.of(mail, attachments));
        } catch (StoreUnavailableException e) {
            failOpen.record(e);
            setHeader(mail, "unavailable");
            return;
        }
        setHeader(mail, BayesSymbol.shown(p) + " (" + BayesFilter.verdict(p) + ")");
        mail.setAttribute(new Attribute(BayesAttributes.PROBABILITY, AttributeValue.of(p)));
        ScoreSymbols.add(mail, BayesSymbol.of(p));
    }

    private static void setHeader(Mail mail, String value) throws MessagingException {
        // Headers only: no saveChanges(), which would re-read a multipart body for nothing.
        mail.getMessage().setHeader(HEADER, value);
    }

    @Override
    public String getMailetInfo() {
        return "Bayes Score";
    }
}
