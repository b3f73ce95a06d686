package org.tracewall.james.matchers;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.tracewall.core.trace.SenderBinding;
import org.tracewall.core.trace.TraceResult;
import org.tracewall.core.trace.TraceabilityChecker;
import org.tracewall.james.JamesSenderBinding;
import org.tracewall.james.TraceAttributes;
import org.tracewall.james.TracewallRuntime;

/**
 * Matches mail that may be bounced without backscatter: it has a sender (not the null sender,
 * which a bounce cannot reach) and that sender was traced to its domain, or is the address of
 * the user who sent it with SMTP AUTH (bound to that user by SenderBindingHook). Untraced senders are
 * likely forged: a bounce would go to an innocent third party, so such mail belongs in the
 * quarantine instead. Put it before {@code DSNBounce}, and keep a quarantine after it.
 *
 * <pre>{@code
 * <mailet match="org.tracewall.james.matchers.IsSafeToBounce" class="DSNBounce">
 *     <attachment>heads</attachment>
 *     <passThrough>false</passThrough>
 *     <messageString>Hi. This is the mail gateway at [machine].
 * Your message was refused as spam by the recipient's content policy; it was not delivered.
 * If you believe this is an error, please contact the recipient's postmaster with this report.
 * </messageString>
 * </mailet>
 * <mailet match="All" class="ToRepository">
 *     <repositoryPath>file://var/mail/quarantine/</repositoryPath>
 * </mailet>
 * }</pre>
 */
public class IsSafeToBounce extends GenericMatcher {
    private final TraceabilityChecker checker;
    private final SenderBinding binding;

    @Inject
    public IsSafeToBounce(TracewallRuntime runtime, JamesSenderBinding binding) {
        this(runtime.traceability(), binding.binding());
    }

    IsSafeToBounce(TraceabilityChecker checker, SenderBinding binding) {
        this.checker = checker;
        this.binding = binding;
    }

    /** It takes no condition: one given is a mistake, named at start. */
    @Override
    public void init() throws MessagingException {
        NoCondition.require(this);
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        if (mail.getMaybeSender().isNullSender() || !mail.getMaybeSender().asOptional().isPresent()) {
            return Set.of();
        }
        Optional<String> authUser = TraceAttributes.string(mail, Mail.SMTP_AUTH_USER);
        if (authUser.isPresent()) {
            // Authenticated, the sender is traceable only if the user may send as it: a user who
            // set someone else's address as the envelope sender would otherwise aim bounces at them.
            String sender = mail.getMaybeSender().get().asString();
            return binding.check(sender, authUser) == SenderBinding.Outcome.BOUND ? mail.getRecipients() : Set.of();
        }
        boolean traced = TraceAttributes.ensureResult(mail, checker).map(TraceResult.TRACEABLE.code()::equals).orElse(false);
        return traced ? mail.getRecipients() : Set.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Is Safe To Bounce";
    }
}
