package org.tracewall.james.smtp;

import java.util.function.Predicate;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;
import org.tracewall.core.dns.DnsAnswer;
import org.tracewall.core.dns.DnsResolver;
import org.tracewall.core.dns.DnsStatus;
import org.tracewall.core.dns.MxRecord;
import org.tracewall.core.dns.PendingLookups;
import org.tracewall.core.net.IpAddresses;
import org.tracewall.james.JamesSenderBinding;
import org.tracewall.james.TracewallRuntime;

/**
 * Relay control beyond James's own "authenticate to relay" rule: recipients that
 * smuggle a second destination into the local part ({@code %}-hack, {@code !}-paths, a quoted
 * {@code @}) are refused with {@code 550 5.7.1}, as sendmail does without loose_relay_check;
 * and, configurable, a MAIL FROM domain that is unqualified ({@code 553 5.1.8}) or does not exist
 * in the DNS ({@code 553 5.1.8}; DNS trouble: {@code 451 4.4.3}). The server's own domains are
 * not looked up. Source routes are stripped by
 * James's parser (RFC 5321 says to ignore them), so {@code <@a:u@b>} is judged as {@code <u@b>}.
 * Authenticated and authorized clients are not checked.
 *
 * <pre>{@code
 * <handler class="org.tracewall.james.smtp.RelayControlHook">
 *     <rejectUnqualifiedSender>true</rejectUnqualifiedSender>
 *     <rejectUnresolvableSender>true</rejectUnresolvableSender>
 * </handler>
 * }</pre>
 */
public class RelayControlHook implements MailHook, RcptHook {
    private static final HookResult RELAY_TRICK = HookResult.builder().hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
        .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH)
            + " Relaying denied: '%', '!' and quoted '@' routing in a recipient are not accepted")
        .build();

    private final DnsResolver dns;
    private final PendingLookups pending;
    private final Predicate<String> isLocalDomain;
    private boolean rejectUnqualified = true;
    private boolean rejectUnresolvable = true;

    @Inject
    public RelayControlHook(TracewallRuntime runtime, JamesSenderBinding localDomains) {
        this(runtime.dns(), localDomains::isLocalDomain, runtime.pendingLookups());
    }

    RelayControlHook(DnsResolver dns, Predicate<String> isLocalDomain) {
        this(dns, isLocalDomain, PendingLookups.unbounded());
    }

    RelayControlHook(DnsResolver dns, Predicate<String> isLocalDomain, PendingLookups pending) {
        this.dns = dns;
        this.isLocalDomain = isLocalDomain;
        this.pending = pending;
    }

    static final Option<Boolean> REJECT_UNQUALIFIED = Option.bool("rejectUnqualifiedSender", true,
        "refuse a MAIL FROM without a fully qualified domain (553)");
    static final Option<Boolean> REJECT_UNRESOLVABLE = Option.bool("rejectUnresolvableSender", true,
        "refuse a MAIL FROM whose domain has no MX, A or AAAA (553; a DNS failure defers)");
    public static final OptionSection PARAMETERS = OptionSection.elements("RelayControlHook", REJECT_UNQUALIFIED, REJECT_UNRESOLVABLE);

    @Override
    public void init(Configuration config) throws ConfigurationException {
        OptionValues parameters = HandlerParameters.read(config, PARAMETERS);
        rejectUnqualified = parameters.get(REJECT_UNQUALIFIED);
        rejectUnresolvable = parameters.get(REJECT_UNRESOLVABLE);
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (sender.isNullSender() || SessionTrust.isTrusted(session)) {
            return HookResult.DECLINED;
        }
        String domain = sender.get().getDomain().asString();
        if (isAddressLiteral(domain)) {
            return HookResult.DECLINED;
        }
        if (domain.indexOf('.') < 0) {
            return rejectUnqualified
                ? senderRefused(DSNStatus.PERMANENT, "553", "Sender domain '" + SmtpText.safe(domain) + "' is not fully qualified")
                : HookResult.DECLINED;
        }
        if (!rejectUnresolvable || isLocalDomain.test(domain)) {
            return HookResult.DECLINED;
        }
        return PendingDns.guarded(pending, session, domain, () -> judgeDomain(domain));
    }

    /** bob@[192.0.2.1] or bob@[IPv6:2001:db8::1]: James's Domain has already dropped the brackets, so the address shows. */
    private static boolean isAddressLiteral(String domain) {
        return domain.startsWith("[") || IpAddresses.isIpv4Literal(domain) || domain.indexOf(':') >= 0;
    }

    private HookResult judgeDomain(String domain) {
        DnsAnswer<MxRecord> mx = dns.mx(domain);
        if (mx.isOk() || mx.status() == DnsStatus.NO_DATA) {
            return HookResult.DECLINED;
        }
        if (mx.status() == DnsStatus.NO_SUCH_NAME) {
            return senderRefused(DSNStatus.PERMANENT, "553", "Sender domain '" + domain + "' does not exist in the DNS");
        }
        return HookResult.builder().hookReturnCode(HookReturnCode.denySoft())
            .smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
            .smtpDescription(DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.NETWORK_DIR_SERVER)
                + " Temporary DNS failure while checking " + domain + "; please try again later")
            .build();
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (SessionTrust.isTrusted(session)) {
            return HookResult.DECLINED;
        }
        String local = rcpt.getLocalPart();
        if (local.indexOf('%') >= 0 || local.indexOf('!') >= 0 || local.indexOf('@') >= 0) {
            return RELAY_TRICK;
        }
        return HookResult.DECLINED;
    }

    private static HookResult senderRefused(int type, String code, String text) {
        return HookResult.builder().hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode(code)
            .smtpDescription(DSNStatus.getStatus(type, DSNStatus.ADDRESS_SYSTEM_SENDER) + " " + text)
            .build();
    }
}
