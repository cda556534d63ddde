package org.messenger.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.messenger.irc.codec.IrcMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs listeners on one dedicated thread per client, in arrival order, so that a slow listener
 * never stalls the network thread (which answers PINGs and completes requests) and listeners
 * may block on the client's futures.
 */
final class EventDispatcher {
    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<ChatListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<IrcMessage>> rawListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread;
    private volatile Thread eventThread;

    EventDispatcher(String name) {
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            eventThread = t;
            return t;
        });
    }

    void addListener(ChatListener listener) {
        listeners.add(listener);
    }

    void removeListener(ChatListener listener) {
        listeners.remove(listener);
    }

    void addRawListener(Consumer<IrcMessage> listener) {
        rawListeners.add(listener);
    }

    void removeRawListener(Consumer<IrcMessage> listener) {
        rawListeners.remove(listener);
    }

    void post(ChatEvent event) {
        run(() -> {
            for (ChatListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    log.warn("Chat listener {} failed on {}; other listeners still get it", listener, event, e);
                }
            }
        });
    }

    void postRaw(IrcMessage message) {
        if (rawListeners.isEmpty()) {
            return;
        }
        run(() -> {
            for (Consumer<IrcMessage> listener : rawListeners) {
                try {
                    listener.accept(message);
                } catch (RuntimeException e) {
                    log.warn("Raw listener {} failed on '{}'", listener, message, e);
                }
            }
        });
    }

    /** Runs a task on the event thread, or drops it (with a debug line) once the client is finished. */
    void run(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("Event thread already finished; dropped a task");
        }
    }

    boolean onEventThread() {
        return Thread.currentThread() == eventThread;
    }

    /** No more events after those already posted; the thread ends when they are delivered. */
    void finish() {
        thread.shutdown();
    }

    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
