package org.tracewall.james;

import java.time.Duration;
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
import org.tracewall.core.quarantine.QuarantineConfig;
import org.tracewall.core.store.StoreUnavailableException;
import org.tracewall.reputation.sender.ReputationStore;

import com.google.common.util.concurrent.Striped;

/**
 * Releases held mail from the quarantine, the one way for the recipient's signed link
 * ({@code ReleaseFromQuarantine}) and the operator's WebAdmin alike: the mail goes to the
 * {@code transport} processor for the released recipients only, stays held for the others, and
 * leaves the quarantine with its last recipient. A release is someone's word that the mail is
 * wanted: its signed origin ({@link OriginHeader}) learns a good outcome. Releases of one mail
 * take turns within a node, and each recipient's release is claimed in the state store, once for
 * every node.
 */
public final class QuarantineRelease {
    private static final Logger LOGGER = LoggerFactory.getLogger(QuarantineRelease.class);
    private static final Striped<Lock> LOCKS = Striped.lock(64);
    private static final String CLAIM = "tracewall:quarantine:released:";
    /** Longer than any mail is held (the digests' links live for days). */
    private static final Duration CLAIM_KEPT = Duration.ofDays(90);

    private final MailRepository quarantine;
    private final MailetContext context;
    private final TracewallRuntime runtime;

    public QuarantineRelease(MailRepository quarantine, MailetContext context, TracewallRuntime runtime) {
        this.quarantine = quarantine;
        this.context = context;
        this.runtime = runtime;
    }

    /** The quarantine of {@code quarantine.repository}. */
    public static MailRepository repository(MailRepositoryStore repositories, QuarantineConfig config) throws MessagingException {
        String url = config.repository();
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
        released.removeIf(recipient -> !claimed(key, recipient));
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

    /**
     * Each (mail, recipient) is released once across every node that shares the state store: the
     * lock above is one node's, and nodes that share a repository could otherwise both send. A store
     * that does not answer leaves it to that lock: a release is wanted mail, not to be held back.
     */
    private boolean claimed(MailKey key, MailAddress recipient) {
        try {
            return runtime.store().putIfAbsent(CLAIM + key.asString() + ":" + recipient.asString(), "released", CLAIM_KEPT);
        } catch (StoreUnavailableException e) {
            LOGGER.warn("quarantine-release: state store unavailable, {} released to {} on this node's word: {}", key.asString(),
                recipient.asString(), e.getMessage());
            return true;
        }
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
