package org.tracewall.james;

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
import org.tracewall.engine.TracewallEngine;

/**
 * Runs the engine's {@link AlertMonitor} once per {@code alert.interval} on a daemon thread of its
 * own, with James's parts it needs: the mailet context to send alert mail, and the spool queue's
 * size. Both are looked up at the first check, not at start: the mailet container that provides
 * them is still being built when the first Tracewall component asks for the runtime.
 */
final class AlertScheduler implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(AlertScheduler.class);

    private final ScheduledExecutorService executor;

    private AlertScheduler(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Started when {@code alert.*} names somewhere to send alerts; otherwise nothing runs. */
    static AlertScheduler start(TracewallEngine engine, Provider<MailetContext> mailetContext,
                                Provider<MailQueueFactory<? extends ManageableMailQueue>> queues) {
        AlertConfig config = engine.alertConfig();
        if (!config.enabled()) {
            return null;
        }
        LazyMonitor holder = new LazyMonitor(engine, mailetContext, queues);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tracewall-alerts");
            thread.setDaemon(true);
            return thread;
        });
        long millis = config.interval().toMillis();
        executor.scheduleWithFixedDelay(holder::check, millis, millis, TimeUnit.MILLISECONDS);
        LOGGER.info("Tracewall alerts: checked every {} s, sent by {}", millis / 1000, holder.describeSinks(config));
        return new AlertScheduler(executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** The monitor, built at the first check (when James's parts are there), then checked each interval. */
    private static final class LazyMonitor {
        private final TracewallEngine engine;
        private final Provider<MailetContext> mailetContext;
        private final Provider<MailQueueFactory<? extends ManageableMailQueue>> queues;
        private AlertMonitor monitor;

        LazyMonitor(TracewallEngine engine, Provider<MailetContext> mailetContext,
                           Provider<MailQueueFactory<? extends ManageableMailQueue>> queues) {
            this.engine = engine;
            this.mailetContext = mailetContext;
            this.queues = queues;
        }

        void check() {
            try {
                if (monitor == null) {
                    monitor = build();
                }
                monitor.check();
            } catch (RuntimeException e) {
                // A scheduled task that throws is never run again: log it and keep checking.
                LOGGER.warn("Tracewall alerts: a check failed: {}", e.toString());
            }
        }

        private AlertMonitor build() {
            AlertConfig config = engine.alertConfig();
            List<AlertSink> sinks = new ArrayList<>();
            if (!config.mailTo().isEmpty()) {
                sinks.add(new AlertMail(mailetContext.get(), config.mailTo(), config.mailProcessor()));
            }
            return engine.alerts(sinks, this::spoolSize, nodeName());
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

        String describeSinks(AlertConfig config) {
            return (config.webhook().isPresent() ? "webhook " + config.webhook().get().getHost() : "")
                + (config.mailTo().isEmpty() ? "" : (config.webhook().isPresent() ? " and " : "") + "mail to " + config.mailTo());
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
