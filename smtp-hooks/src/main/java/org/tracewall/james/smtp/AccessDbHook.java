package org.tracewall.james.smtp;

import java.io.File;
import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HeloHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.access.AccessAction;
import org.tracewall.core.access.AccessDb;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.score.KnownSymbol;
import org.tracewall.james.ScoreSymbols;
import org.tracewall.james.Tracewall;
import org.tracewall.james.TracewallRuntime;

/**
 * sendmail's access database in James: {@code Connect:} entries judged at the first
 * HELO/EHLO, {@code From:} at MAIL FROM, {@code To:} at RCPT TO, untagged entries for all three,
 * {@code Spam:} FRIEND/HATER for the recipients, as sendmail's FEATURE(delay_checks, friend/hater): the
 * RCPT-time spam checks (DnsblHook, GreylistHook) skip mail to a FRIEND, and apply to mail for a HATER
 * even from a client or sender marked OK; both also add a scoring symbol. Actions: OK (accept and skip Tracewall's
 * checks), RELAY (a client may relay; on a sender address it is OK, never a relay permit: anyone can write any
 * MAIL FROM), SKIP, REJECT (5.7.1), DISCARD (accept and mark
 * {@link #DISCARDED}; the root processor drops it: {@code <mailet match="HasMailAttribute=org.tracewall.access.discarded"
 * class="Null"/>}), {@code ERROR:5.x.x:text} and {@code ERROR:4.x.x:text}. The file (relative to conf/) is re-read
 * when it changes; bad lines are logged with their number and skipped. Put this handler first.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.AccessDbHook">
 *     <file>access.txt</file>
 * </handler>
 * }</pre>
 */
public class AccessDbHook implements HeloHook, MailHook, RcptHook, JamesMessageHook {
    public static final AttributeName DISCARDED = AttributeName.of(Tracewall.NAMESPACE + ".access.discarded");
    public static final AttributeName SPAM = AttributeName.of(Tracewall.NAMESPACE + ".access.spam");
    static final ProtocolSession.AttachmentKey<Boolean> CONNECT_JUDGED =
        ProtocolSession.AttachmentKey.of(Tracewall.NAMESPACE + ".smtp.access.connect", Boolean.class);
    static final ProtocolSession.AttachmentKey<Boolean> DISCARD =
        ProtocolSession.AttachmentKey.of(Tracewall.NAMESPACE + ".smtp.access.discard", Boolean.class);
    private static final Logger LOGGER = LoggerFactory.getLogger(AccessDbHook.class);

    private final FileSystem fileSystem;
    /** The entries added at run time, shared by every node; none in the unit tests. */
    private final Supplier<Map<String, AccessAction>> shared;
    private AccessDb db;

    @Inject
    public AccessDbHook(FileSystem fileSystem, TracewallRuntime runtime) {
        this(fileSystem, runtime.engine().liveAccess()::current);
    }

    AccessDbHook(FileSystem fileSystem) {
        this(fileSystem, Map::of);
    }

    private AccessDbHook(FileSystem fileSystem, Supplier<Map<String, AccessAction>> shared) {
        this.fileSystem = fileSystem;
        this.shared = shared;
    }

    static final Option<String> FILE = Option.text("file", "access.txt",
        "the access db, sendmail's access format, relative to conf/ (re-read when edited)");
    public static final OptionSection PARAMETERS = OptionSection.elements("AccessDbHook", FILE);

    @Override
    public void init(Configuration config) throws ConfigurationException {
        String name = HandlerParameters.read(config, PARAMETERS).get(FILE);
        File file;
        try {
            file = fileSystem.getFile(FileSystem.FILE_PROTOCOL_AND_CONF + name);
        } catch (FileNotFoundException e) {
            throw new ConfigurationException("<file>" + name + "</file>: " + e.getMessage(), e);
        }
        // James's file system answers a path for a missing file too: a misspelt name would start with an empty db.
        if (!file.isFile()) {
            throw new ConfigurationException("<file>" + name + "</file>: no such file " + file + " (an empty file is an empty access db)");
        }
        db = new AccessDb(file.toPath(), shared);
        db.problems().forEach(problem -> LOGGER.warn("access db {}: {}", name, problem));
    }

    @Override
    public HookResult doHelo(SMTPSession session, String helo) {
        if (session.getAttachment(CONNECT_JUDGED, ProtocolSession.State.Connection).isPresent()) {
            return HookResult.DECLINED;
        }
        session.setAttachment(CONNECT_JUDGED, true, ProtocolSession.State.Connection);
        return db.connect(session.getRemoteAddress().getAddress())
            .map(action -> apply(session, action, ProtocolSession.State.Connection, true))
            .orElse(HookResult.DECLINED);
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        String from = sender.asOptional().map(Object::toString).orElse("");
        return db.address(AccessDb.Tag.FROM, from)
            .map(action -> apply(session, action, ProtocolSession.State.Transaction, false))
            .orElse(HookResult.DECLINED);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        db.address(AccessDb.Tag.SPAM, rcpt.asString()).ifPresent(spam -> {
            if (spam.kind() == AccessAction.Kind.FRIEND) {
                SessionTrust.markRecipient(session, SessionTrust.SPAM_FRIENDS, rcpt);
            } else if (spam.kind() == AccessAction.Kind.HATER) {
                SessionTrust.markRecipient(session, SessionTrust.SPAM_HATERS, rcpt);
            }
        });
        Optional<AccessAction> action = db.address(AccessDb.Tag.TO, rcpt.asString());
        if (action.isEmpty()) {
            return HookResult.DECLINED;
        }
        switch (action.get().kind()) {
            case OK:
            case RELAY:
                return HookResult.OK;
            default:
                return apply(session, action.get(), ProtocolSession.State.Transaction, false);
        }
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        List<String> spam = new ArrayList<>();
        for (MailAddress rcpt : mail.getRecipients()) {
            db.address(AccessDb.Tag.SPAM, rcpt.asString())
                .filter(a -> a.kind() == AccessAction.Kind.FRIEND || a.kind() == AccessAction.Kind.HATER)
                .ifPresent(a -> spam.add(a.kind().name().toLowerCase(Locale.ROOT) + ":" + rcpt.asString()));
        }
        if (!spam.isEmpty()) {
            mail.setAttribute(new Attribute(SPAM, AttributeValue.of(String.join(",", spam))));
            recordSpamSymbols(mail, spam);
        }
        boolean discard = session.getAttachment(DISCARD, ProtocolSession.State.Connection).orElse(false)
            || session.getAttachment(DISCARD, ProtocolSession.State.Transaction).orElse(false);
        if (discard) {
            // Accepted, then dropped on purpose: only where the operator wrote DISCARD.
            LOGGER.info("access db: discarding {} from <{}>", mail.getName(), mail.getMaybeSender().asString());
            // Only marked here: a state set in an SMTP hook is taken for a processor name by James
            // (it sends the mail to "error", whose Bounce would write to the sender). The root
            // processor drops marked mail with James's Null mailet.
            mail.setAttribute(new Attribute(DISCARDED, AttributeValue.of(true)));
        }
        return HookResult.DECLINED;
    }

    /** ACCESS_SPAM_FRIEND when every recipient is a spam friend; ACCESS_SPAM_HATER when any is a hater. */
    private static void recordSpamSymbols(Mail mail, List<String> spam) {
        long friends = spam.stream().filter(s -> s.startsWith("friend:")).count();
        if (friends == mail.getRecipients().size()) {
            ScoreSymbols.add(mail, KnownSymbol.ACCESS_SPAM_FRIEND.symbol());
        }
        if (spam.stream().anyMatch(s -> s.startsWith("hater:"))) {
            ScoreSymbols.add(mail, KnownSymbol.ACCESS_SPAM_HATER.symbol());
        }
    }

    private static HookResult apply(SMTPSession session, AccessAction action, ProtocolSession.State scope, boolean connect) {
        switch (action.kind()) {
            case OK:
                session.setAttachment(SessionTrust.ACCESS_OK, true, scope);
                return HookResult.DECLINED;
            case RELAY:
                if (connect) {
                    session.setRelayingAllowed(true);
                } else {
                    // A sender address is what the client says: RELAY on it only vouches for the mail, as
                    // OK does (sendmail without FEATURE(relay_mail_from)), or any client could relay.
                    session.setAttachment(SessionTrust.ACCESS_OK, true, scope);
                }
                return HookResult.DECLINED;
            case DISCARD:
                session.setAttachment(DISCARD, true, scope);
                return HookResult.DECLINED;
            case REJECT:
                return refuse(connect, false, "5.7.1", "Access denied");
            case ERROR:
                return refuse(connect, action.isTemporary(), action.status().orElse("5.7.1"), action.text().orElse("Access denied"));
            default:
                return HookResult.DECLINED;
        }
    }

    private static HookResult refuse(boolean connect, boolean temporary, String status, String text) {
        HookReturnCode.Action action = temporary ? HookReturnCode.Action.DENYSOFT : HookReturnCode.Action.DENY;
        String code = connect ? (temporary ? SMTPRetCode.SERVICE_NOT_AVAILABLE : "554")
            : (temporary ? SMTPRetCode.LOCAL_ERROR : SMTPRetCode.MAILBOX_PERM_UNAVAILABLE);
        return HookResult.builder()
            .hookReturnCode(connect ? HookReturnCode.disconnected(action) : HookReturnCode.connected(action))
            .smtpReturnCode(code)
            .smtpDescription(status + " " + SmtpText.safe(text))
            .build();
    }
}
