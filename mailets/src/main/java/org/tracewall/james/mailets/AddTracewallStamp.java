package org.tracewall.james.mailets;

import java.util.Set;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.tracewall.james.Tracewall;

/**
 * Adds a header that records that the message went through Tracewall, with the product
 * version and the node name: {@code X-Tracewall-Stamp: tracewall/0.1.0; node=mx1}. Useful to
 * see, in a delivered message, which gateway node handled it and that the suite was active.
 *
 * <p>Parameters: {@code headerName} (default {@value #DEFAULT_HEADER}), {@code node} (default:
 * this host's name).
 *
 * <pre>{@code
 * <mailet match="All" class="org.tracewall.james.mailets.AddTracewallStamp"/>
 * }</pre>
 */
public class AddTracewallStamp extends GenericMailet {
    public static final String DEFAULT_HEADER = "X-Tracewall-Stamp";
    static final String HEADER_NAME = "headerName";
    static final String NODE = "node";

    private String headerName;
    private String value;

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(HEADER_NAME, NODE));
        headerName = getInitParameter(HEADER_NAME, DEFAULT_HEADER).trim();
        if (!headerName.matches("[\\x21-\\x39\\x3B-\\x7E]+")) {
            throw new MessagingException("Invalid '" + HEADER_NAME + "': '" + headerName + "' is not a header field name");
        }
        String node = getInitParameter(NODE, HostNames.local()).trim();
        if (!node.matches("[A-Za-z0-9._-]+")) {
            throw new MessagingException("Invalid '" + NODE + "': '" + node + "' (letters, digits, '.', '_', '-')");
        }
        value = "tracewall/" + Tracewall.version() + "; node=" + node;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        // Headers only: no saveChanges(), which would re-read a multipart body for nothing.
        message.setHeader(headerName, value);
    }

    @Override
    public String getMailetInfo() {
        return "Add Tracewall Stamp";
    }
}
