package org.tracewall.james;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.inject.Provider;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracewall.core.alert.AlertConfig;
import org.tracewall.core.alert.AlertMonitor;
import org.tracewall.core.alert.AlertSink;
import org.tracewall.core.report.DomainReport;
import org.tracewall.core.report.DomainReports;
import org.tracewall.engine.TracewallEngine;

/**
 * What Tracewall tells operators on its own, on one daemon thread: the engine's alerts once per
 * {@code alert.interval}, and the domain admins' reports when due (looked for each
 * {@code report.checkInterval}). James's parts they need (the mailet context to send mail, the
 * spool queue's size) are looked up at the first run, not at start: the mailet container that
 * provides them is still being built when the first Tracewall component asks for the runtime.
 */
final class OperatorNotices implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(OperatorNotices.class);

    private final ScheduledExecutorService executor;

    private OperatorNotices(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Started when alerts have somewhere to go or a report is configured; otherwise null, and nothing runs. */
    static OperatorNotices start(TracewallEngine engine, Provider<MailetContext> mailetContext,
                                 Provider<MailQueueFactory<? extends ManageableMailQueue>> queues) {
        AlertConfig alerts = engine.alertConfig();
        DomainReports reports = engine.reports();
        if (!alerts.enabled() && reports.isEmpty()) {
            return null;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tracewall-notices");
            thread.setDaemon(true);
            return thread;
        });
        Mailer mailer = new Mailer(mailetContext, alerts.mailProcessor());
        if (alerts.enabled()) {
            LazyMonitor monitor = new LazyMonitor(engine, mailer, queues);
            schedule(executor, alerts.interval().toMillis(), monitor::check);
            LOGGER.info("Tracewall alerts: checked every {} s, sent by {}", alerts.interval().toSeconds(), describe(alerts));
        }
        if (!reports.isEmpty()) {
            schedule(executor, reports.checkInterval().toMillis(), () -> sendDue(reports, mailer));
            LOGGER.info("Tracewall reports to domain admins: looked for every {} s", reports.checkInterval().toSeconds());
        }
        return new OperatorNotices(executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static void schedule(ScheduledExecutorService executor, long millis, Runnable task) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // A scheduled task that throws is never run again: log it and keep going.
                LOGGER.warn("Tracewall notices: a run failed: {}", e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    private static void sendDue(DomainReports reports, Mailer mailer) {
        for (DomainReport report : reports.due()) {
            try {
                mailer.get().send(report.to(), report.subject(), report.text());
                LOGGER.info("Tracewall report sent to {}: {}", report.to(), report.subject());
            } catch (IOException | RuntimeException e) {
                reports.release(report);
                LOGGER.warn("Tracewall report to {} not sent, tried again at the next check: {}", report.to(), e.getMessage());
            }
        }
    }

    private static String describe(AlertConfig config) {
        return (config.webhook().isPresent() ? "webhook " + AlertConfig.describeWebhook(config.webhook().get().toString()) : "")
            + (config.mailTo().isEmpty() ? "" : (config.webhook().isPresent() ? " and " : "") + "mail to " + config.mailTo());
    }

    /** Operator mail, built at its first use (when James's mailet context is there). */
    private static final class Mailer {
        private final Provider<MailetContext> context;
        private final String processor;
        private OperatorMail mail;

        Mailer(Provider<MailetContext> context, String processor) {
            this.context = context;
            this.processor = processor;
        }

        synchronized OperatorMail get() {
            if (mail == null) {
                mail = new OperatorMail(context.get(), processor);
            }
            return mail;
        }
    }

    /** The alert monitor, built at the first check, then checked each interval. */
    private static final class LazyMonitor {
        private final TracewallEngine engine;
        private final Mailer mailer;
        private final Provider<MailQueueFactory<? extends ManageableMailQueue>> queues;
        private AlertMonitor monitor;

        LazyMonitor(TracewallEngine engine, Mailer mailer, Provider<MailQueueFactory<? extends ManageableMailQueue>> queues) {
            this.engine = engine;
            this.mailer = mailer;
            this.queues = queues;
        }

        void check() {
            if (monitor == null) {
                List<AlertSink> sinks = new ArrayList<>();
                if (!engine.alertConfig().mailTo().isEmpty()) {
                    sinks.add(mailer.get().alertsTo(engine.alertConfig().mailTo()));
                }
                monitor = engine.alerts(sinks, this::spoolSize, nodeName());
            }
            monitor.check();
        }

        private OptionalLong spoolSize() {
            try {
                return queues.get().getQueue(MailQueueFactory.SPOOL).map(queue -> {
                    try {
                        return OptionalLong.of(queue.getSize());
                    } catch (MailQueue.MailQueueException e) {
                        return OptionalLong.empty();
                    }
                }).orElse(OptionalLong.empty());
            } catch (RuntimeException e) {
                return OptionalLong.empty();
            }
        }

        private static String nodeName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "tracewall";
            }
        }
    }
}
