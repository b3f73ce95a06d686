package org.tracewall.james.mailets;

import java.util.List;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.tracewall.james.ForgedHeaders;

/**
 * Removes the headers only this gateway may write ({@code X-Tracewall-*} and {@code X-Spam-*}
 * by default) from mail as it arrives; the mailet twin of {@code ForgedHeadersHook}, for setups
 * without Tracewall's SMTP hooks. First in the root processor, for received mail only.
 *
 * <pre>{@code
 * <mailet match="received-mail" class="org.tracewall.james.mailets.RemoveForgedHeaders"/>
 * }</pre>
 *
 * Parameter {@code prefixes}: the header name prefixes to remove, comma separated.
 */
public class RemoveForgedHeaders extends GenericMailet {
    private List<String> prefixes;

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of("prefixes"));
        prefixes = ForgedHeaders.prefixes(getInitParameter("prefixes", ""));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        ForgedHeaders.removeFrom(mail.getMessage(), prefixes);
    }

    @Override
    public String getMailetInfo() {
        return "Remove Forged Headers";
    }
}
