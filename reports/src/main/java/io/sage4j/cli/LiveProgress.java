package io.sage4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Counts a subject's finished inputs (from any number of threads) and, when live, redraws one progress line on
 * the error stream at most {@link #REDRAWS_PER_SECOND} times a second.
 */
final class LiveProgress implements LongConsumer, AutoCloseable {
    static final int REDRAWS_PER_SECOND = 5;

    private final LongAdder done = new LongAdder();
    private final PrintWriter err;
    private final int index;
    private final int count;
    private final String name;
    private final long total;
    private final long started = System.nanoTime();
    private final Thread ticker;
    private volatile boolean stopped;
    private int lastLength;  // guarded by this

    /**
     * @param live whether to draw the bar; when false this only counts
     */
    LiveProgress(PrintWriter err, int index, int count, String name, long total, boolean live) {
        this.err = err;
        this.index = index;
        this.count = count;
        this.name = name;
        this.total = total;
        if (live) {
            ticker = Thread.ofPlatform().daemon().name("sage4j-progress").unstarted(this::tick);
            redraw();
            ticker.start();
        } else {
            ticker = null;
        }
    }

    @Override
    public void accept(long inputs) {
        done.add(inputs);
    }

    /** Inputs finished so far. */
    long done() {
        return done.sum();
    }

    private void tick() {
        long period = TimeUnit.SECONDS.toNanos(1) / REDRAWS_PER_SECOND;
        while (!stopped) {
            LockSupport.parkNanos(period);
            if (!stopped) {
                redraw();
            }
        }
    }

    private synchronized void redraw() {
        if (stopped) {
            return;
        }
        draw(ProgressBar.render(index, count, name, done.sum(), total, System.nanoTime() - started));
    }

    private void draw(String line) {
        err.print('\r' + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    /** Stops redrawing and blanks the bar, leaving the cursor at the start of the line. */
    @Override
    public void close() {
        synchronized (this) {
            stopped = true;
        }
        if (ticker != null) {
            LockSupport.unpark(ticker);
            try {
                ticker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                err.print('\r' + " ".repeat(lastLength) + '\r');
                err.flush();
            }
        }
    }
}
