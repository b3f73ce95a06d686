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
 * Mail from Tracewall to operators (alerts, domain admins' reports), from James's postmaster
 * through James's own spool ({@link MailetContext#sendMail}): no SMTP client, no credentials, and
 * the mail is delivered like any other (so the operators' mailboxes can be on this server or not).
 * It enters {@code alert.mailProcessor} ({@code transport}), past the checks that judge what clients send.
 */
public final class OperatorMail {
    private final MailetContext context;
    private final String processor;

    /** @param processor the processor the mail enters ({@code alert.mailProcessor}) */
    public OperatorMail(MailetContext context, String processor) {
        this.context = context;
        this.processor = processor;
    }

    /**
     * @param to addresses the configuration checked
     * @throws IOException when James does not take the mail
     */
    public void send(List<String> to, String subject, String text) throws IOException {
        try {
            List<MailAddress> recipients = addresses(to);
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress(context.getPostmaster().asString()));
            for (MailAddress recipient : recipients) {
                message.addRecipient(MimeMessage.RecipientType.TO, new InternetAddress(recipient.asString()));
            }
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setText(text, StandardCharsets.UTF_8.name());
            message.saveChanges();
            context.sendMail(context.getPostmaster(), recipients, message, processor);
        } catch (MessagingException e) {
            throw new IOException("the mail could not be queued: " + e.getMessage(), e);
        }
    }

    /** Alerts as mail to {@code to}. */
    public AlertSink alertsTo(List<String> to) {
        return new AlertSink() {
            @Override
            public void send(Alert alert) throws IOException {
                OperatorMail.this.send(to, "[Tracewall alert] " + alert.kind().code() + " on " + alert.node(),
                    alert.message() + "\n\nnode: " + alert.node() + "\ntime: " + alert.time() + "\n\n" + alert.toJson() + "\n");
            }

            @Override
            public String describe() {
                return "mail to " + to;
            }
        };
    }

    private static List<MailAddress> addresses(List<String> texts) throws AddressException {
        List<MailAddress> addresses = new ArrayList<>();
        for (String text : texts) {
            addresses.add(new MailAddress(text));
        }
        return addresses;
    }
}
