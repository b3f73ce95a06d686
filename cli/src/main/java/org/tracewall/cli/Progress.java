package org.tracewall.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long run (done/total, rate, time left) on one line of stderr, redrawn at most a few
 * times a second, and only when the command runs in a terminal: piped or redirected output stays
 * free of carriage returns.
 */
final class Progress {
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintStream err;
    private final int total;
    private final boolean visible;
    private final long start = System.nanoTime();
    private long lastDrawn;
    private int done;

    Progress(PrintStream err, int total) {
        this(err, total, System.console() != null);
    }

    Progress(PrintStream err, int total, boolean visible) {
        this.err = err;
        this.total = total;
        this.visible = visible;
    }

    void step() {
        done++;
        long now = System.nanoTime();
        if (visible && (now - lastDrawn >= REDRAW_NANOS || done == total)) {
            lastDrawn = now;
            double seconds = (now - start) / 1e9;
            double rate = seconds > 0 ? done / seconds : 0;
            long left = rate > 0 ? Math.round((total - done) / rate) : 0;
            err.printf(Locale.ROOT, "\r%d/%d (%.0f%%) %.0f msg/s, %d s left   ", done, total, 100.0 * done / Math.max(1, total), rate, left);
        }
    }

    void done() {
        if (visible) {
            err.println();
        }
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
