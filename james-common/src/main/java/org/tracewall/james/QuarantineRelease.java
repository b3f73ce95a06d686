package org.tracewall.james;

import java.util.ArrayList;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.reputation.sender.ReputationStore;

/**
 * Releases held mail from the quarantine, the one way for the recipient's signed link
 * ({@code ReleaseFromQuarantine}) and the operator's WebAdmin alike: the mail goes to the
 * {@code transport} processor for the released recipients only, stays held for the others, and
 * leaves the quarantine with its last recipient. A release is someone's word that the mail is
 * wanted: its signed origin ({@link OriginHeader}) learns a good outcome.
 */
public final class QuarantineRelease {
    private static final Logger LOGGER = LoggerFactory.getLogger(QuarantineRelease.class);

    private final MailRepository quarantine;
    private final MailetContext context;
    private final TracewallRuntime runtime;

    public QuarantineRelease(MailRepository quarantine, MailetContext context, TracewallRuntime runtime) {
        this.quarantine = quarantine;
        this.context = context;
        this.runtime = runtime;
    }

    /**
     * @param recipients those of the held mail's recipients to release it to
     * @return the recipients it was released to (none when the mail is no longer held, or holds none of them)
     */
    public List<MailAddress> release(MailKey key, List<MailAddress> recipients) throws MessagingException {
        Mail held = quarantine.retrieve(key);
        if (held == null) {
            return List.of();
        }
        List<MailAddress> released = new ArrayList<>(recipients);
        released.retainAll(held.getRecipients());
        if (released.isEmpty()) {
            return List.of();
        }
        context.sendMail(held.getMaybeSender().asOptional().orElse(MailAddress.nullSender()), released, held.getMessage(), "transport");
        List<MailAddress> remaining = new ArrayList<>(held.getRecipients());
        remaining.removeAll(released);
        if (remaining.isEmpty()) {
            quarantine.remove(key);
        } else {
            held.setRecipients(remaining);
            quarantine.store(held);
        }
        teachReleased(held);
        return released;
    }

    private void teachReleased(Mail held) throws MessagingException {
        try {
            OriginHeader.read(held.getMessage(), runtime.originStamp())
                .ifPresent(origin -> runtime.reputation().recordOnce(origin, ReputationStore.Outcome.GOOD));
        } catch (StoreUnavailableException e) {
            LOGGER.warn("quarantine-release: state store unavailable, the release of {} was not learned: {}", held.getName(), e.getMessage());
        }
    }
}
