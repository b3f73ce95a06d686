package org.tracewall.james;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.reputation.sender.ReputationStore;

import com.google.common.util.concurrent.Striped;

/**
 * Releases held mail from the quarantine, the one way for the recipient's signed link
 * ({@code ReleaseFromQuarantine}) and the operator's WebAdmin alike: the mail goes to the
 * {@code transport} processor for the released recipients only, stays held for the others, and
 * leaves the quarantine with its last recipient. A release is someone's word that the mail is
 * wanted: its signed origin ({@link OriginHeader}) learns a good outcome. Releases of one mail
 * take turns within a node.
 */
public final class QuarantineRelease {
    private static final Logger LOGGER = LoggerFactory.getLogger(QuarantineRelease.class);
    private static final Striped<Lock> LOCKS = Striped.lock(64);

    private final MailRepository quarantine;
    private final MailetContext context;
    private final TracewallRuntime runtime;

    public QuarantineRelease(MailRepository quarantine, MailetContext context, TracewallRuntime runtime) {
        this.quarantine = quarantine;
        this.context = context;
        this.runtime = runtime;
    }

    /** The quarantine of {@code quarantine.repository}. */
    public static MailRepository repository(MailRepositoryStore repositories, TracewallRuntime runtime) throws MessagingException {
        String url = runtime.quarantine().repository();
        try {
            return repositories.select(MailRepositoryUrl.from(url));
        } catch (MailRepositoryStore.MailRepositoryStoreException e) {
            throw new MessagingException("Cannot open the quarantine " + url, e);
        }
    }

    /**
     * @param recipients those of the held mail's recipients to release it to
     * @return the recipients it was released to (none when the mail is no longer held, or holds none of them)
     */
    public List<MailAddress> release(MailKey key, List<MailAddress> recipients) throws MessagingException {
        // Read, send, store back: two releases of one mail at once (a link and the operator, two spool
        // threads) would both send, and the later store could bring back a mail already released.
        Lock lock = LOCKS.get(key.asString());
        lock.lock();
        try {
            return releaseHeld(key, recipients);
        } finally {
            lock.unlock();
        }
    }

    private List<MailAddress> releaseHeld(MailKey key, List<MailAddress> recipients) throws MessagingException {
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
