package org.messenger.files.ports;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes down what the pool told one transfer, as short strings: "queued 2", "leased 55000", "timed out". */
final class RecordingListener implements PortWaitListener {
    final List<String> heard = new CopyOnWriteArrayList<>();

    @Override
    public void queued(int ahead) {
        heard.add("queued " + ahead);
    }

    @Override
    public void leased(int port) {
        heard.add("leased " + port);
    }

    @Override
    public void timedOut(long waitedNanos) {
        heard.add("timed out after " + waitedNanos / 1_000_000_000 + " s");
    }
}
