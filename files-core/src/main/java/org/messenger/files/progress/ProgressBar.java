package org.messenger.files.progress;

import java.util.Locale;

/**
 * Renders one progress line, a pure function of what is done, the total and the time spent, so the
 * CLI only decides when to redraw:
 *
 * <pre>
 *  42% [############>                 ] 43.0 MiB / 102 MiB  8.40 MiB/s  ETA 0:07
 * </pre>
 *
 * <p>The rate counts only bytes moved in this session ({@code doneBytes - resumedBytes}), so a
 * download resumed at 90 % does not claim a burst of speed it never had.
 */
public final class ProgressBar {
    /** The default bar width in characters, between the brackets. */
    public static final int DEFAULT_BAR_WIDTH = 30;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int barWidth;

    public ProgressBar(int barWidth) {
        if (barWidth < 1) {
            throw new IllegalArgumentException("a progress bar needs at least one character, got " + barWidth);
        }
        this.barWidth = barWidth;
    }

    public ProgressBar() {
        this(DEFAULT_BAR_WIDTH);
    }

    /** The line for a download that started from nothing. */
    public String render(long doneBytes, long totalBytes, long elapsedNanos) {
        return render(doneBytes, totalBytes, 0, elapsedNanos);
    }

    /**
     * @param doneBytes    bytes on disk now (including any resumed from an earlier attempt)
     * @param totalBytes   the file's size
     * @param resumedBytes bytes already on disk when this session started
     * @param elapsedNanos time since this session started
     */
    public String render(long doneBytes, long totalBytes, long resumedBytes, long elapsedNanos) {
        if (totalBytes < 0 || doneBytes < 0 || resumedBytes < 0 || elapsedNanos < 0) {
            throw new IllegalArgumentException("progress values cannot be negative");
        }
        long done = Math.min(doneBytes, totalBytes);
        long resumed = Math.min(resumedBytes, done);
        // An empty file is complete as soon as it exists.
        double fraction = totalBytes == 0 ? 1.0 : (double) done / totalBytes;
        int percent = (int) Math.floor(fraction * 100);

        StringBuilder line = new StringBuilder(barWidth + 64);
        line.append(String.format(Locale.ROOT, "%3d%% ", percent));
        appendBar(line, fraction);
        line.append(' ').append(ByteUnits.format(done)).append(" / ").append(ByteUnits.format(totalBytes));

        long sessionBytes = done - resumed;
        double bytesPerSecond = elapsedNanos == 0 ? 0 : sessionBytes * (double) NANOS_PER_SECOND / elapsedNanos;
        line.append("  ").append(elapsedNanos == 0 || sessionBytes == 0 ? "--" : ByteUnits.format((long) bytesPerSecond)).append("/s");

        line.append("  ");
        if (done == totalBytes) {
            line.append("done in ").append(clock(elapsedNanos / NANOS_PER_SECOND));
        } else if (bytesPerSecond <= 0) {
            line.append("ETA --:--");
        } else {
            double seconds = Math.ceil((totalBytes - done) / bytesPerSecond);
            line.append("ETA ").append(seconds > 99 * 3600 ? ">99h" : clock((long) seconds));
        }
        return line.toString();
    }

    private void appendBar(StringBuilder line, double fraction) {
        int filled = (int) Math.floor(fraction * barWidth);
        line.append('[');
        for (int i = 0; i < barWidth; i++) {
            if (i < filled) {
                line.append('#');
            } else if (i == filled) {
                line.append('>');
            } else {
                line.append(' ');
            }
        }
        line.append(']');
    }

    /** {@code m:ss} below an hour, {@code h:mm:ss} above. */
    static String clock(long totalSeconds) {
        long hours = totalSeconds / 3600;
        long minutes = (totalSeconds % 3600) / 60;
        long seconds = totalSeconds % 60;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, seconds)
                : String.format(Locale.ROOT, "%d:%02d", minutes, seconds);
    }
}
