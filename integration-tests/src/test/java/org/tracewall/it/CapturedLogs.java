package org.tracewall.it;

import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Every log event of the in-process server at INFO and above while open (the root logger's level is put back on close). */
final class CapturedLogs implements AutoCloseable {
    private final Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Level previous;

    CapturedLogs() {
        captured.start();
        previous = root.getLevel();
        root.addAppender(captured);
        root.setLevel(Level.INFO);
    }

    /** Each event's message, with its exception's message when it has one. */
    List<String> lines() {
        List<ILoggingEvent> events;
        // The server's threads go on logging: AppenderBase.doAppend appends under the appender's own lock.
        synchronized (captured) {
            events = List.copyOf(captured.list);
        }
        return events.stream()
            .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
            .collect(Collectors.toList());
    }

    @Override
    public void close() {
        root.setLevel(previous);
        root.detachAppender(captured);
    }
}
