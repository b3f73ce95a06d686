package org.tracewall.james;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.tracewall.core.alert.Alert;
import org.tracewall.core.alert.AlertSink;

/**
 * Sends each alert as a mail from James's postmaster to the operators of {@code alert.mailTo},
 * through James's own spool ({@link MailetContext#sendMail}): no SMTP client, no credentials, and
 * the mail is delivered like any other (so the operators' mailboxes can be on this server or not).
 * It enters {@code alert.mailProcessor} ({@code transport}), past the checks that judge what clients send.
 */
public final class AlertMail implements AlertSink {
    private final MailetContext context;
    private final List<MailAddress> operators;
    private final String processor;

    /**
     * @param processor the processor the mail enters ({@code alert.mailProcessor})
     * @throws IllegalArgumentException naming the address that is not one
     */
    public AlertMail(MailetContext context, List<String> operators, String processor) {
        this.context = context;
        this.operators = addresses(operators);
        this.processor = processor;
    }

    @Override
    public void send(Alert alert) throws IOException {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress(context.getPostmaster().asString()));
            for (MailAddress operator : operators) {
                message.addRecipient(MimeMessage.RecipientType.TO, new InternetAddress(operator.asString()));
            }
            message.setSubject("[Tracewall alert] " + alert.kind().code() + " on " + alert.node(), StandardCharsets.UTF_8.name());
            message.setText(alert.message() + "\n\nnode: " + alert.node() + "\ntime: " + alert.time() + "\n\n" + alert.toJson() + "\n",
                StandardCharsets.UTF_8.name());
            message.saveChanges();
            context.sendMail(context.getPostmaster(), operators, message, processor);
        } catch (MessagingException e) {
            throw new IOException("the alert mail could not be queued: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "mail to " + operators;
    }

    private static List<MailAddress> addresses(List<String> texts) {
        List<MailAddress> addresses = new ArrayList<>();
        for (String text : texts) {
            try {
                addresses.add(new MailAddress(text));
            } catch (AddressException e) {
                throw new IllegalArgumentException("alert.mailTo: '" + text + "' is not a mail address", e);
            }
        }
        return List.copyOf(addresses);
    }
}
