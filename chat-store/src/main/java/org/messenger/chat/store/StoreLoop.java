package org.messenger.chat.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the database connection. Others hand it {@link Op}s through a queue;
 * it takes whatever has queued up, runs it all in one transaction (each op inside its own
 * savepoint, so one failing op does not undo the others), commits once, and only then completes
 * the ops' futures: a completed future means the write is durable. Under load many writes share
 * one commit (one fsync), which is what keeps the database off the chat's latency.
 */
final class StoreLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreLoop.class);
    /** Ops per transaction at most: a long queue is committed in pieces, so futures do not wait for all of it. */
    static final int MAX_BATCH = 512;

    /** Work for the store thread. {@code run} executes on it with the connection inside a transaction. */
    interface Op {
        void run(Connection connection) throws SQLException;

        /** After the commit: complete the caller's future. */
        void committed();

        void failed(Throwable cause);
    }

    /** An op whose result is computed in {@code run} and handed over once committed. */
    abstract static class Call<T> implements Op {
        final CompletableFuture<T> future = new CompletableFuture<>();
        private T result;

        abstract T call(Connection connection) throws SQLException;

        @Override
        public final void run(Connection connection) throws SQLException {
            result = call(connection);
        }

        @Override
        public final void committed() {
            future.complete(result);
        }

        @Override
        public final void failed(Throwable cause) {
            future.completeExceptionally(cause);
        }
    }

    private static final Op STOP = new Op() {
        public void run(Connection connection) {}
        public void committed() {}
        public void failed(Throwable cause) {}
    };

    private final Connection connection;
    private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>();
    private final List<Runnable> afterBatch = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;
    private long batches;

    StoreLoop(Connection connection, String name) {
        this.connection = connection;
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    /** Queues {@code op}; it fails at once when the store is closed. */
    <T extends Op> T submit(T op) {
        if (closed) {
            op.failed(new IllegalStateException("the data store is closed"));
            return op;
        }
        queue.add(op);
        return op;
    }

    /** Runs after every committed batch, on the store thread (pruning that needs no future of its own). */
    void afterEachBatch(Runnable task) {
        afterBatch.add(task);
    }

    /** The connection, for work done on the store thread ({@link #afterEachBatch} tasks). */
    Connection connection() {
        return connection;
    }

    /** How many transactions were committed (tests check that writes are batched). */
    long batches() {
        return batches;
    }

    private void loop() {
        List<Op> batch = new ArrayList<>(MAX_BATCH);
        boolean stopping = false;
        while (!stopping) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            if (batch.remove(STOP)) {
                stopping = true;
                queue.drainTo(batch); // what came in before close() still gets written
            }
            runBatch(batch);
        }
        // Submitted in the instant between close() and the STOP: nobody will run them.
        List<Op> late = new ArrayList<>();
        queue.drainTo(late);
        for (Op op : late) {
            op.failed(new IllegalStateException("the data store is closed"));
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the database: {}", e.getMessage());
        }
    }

    private void runBatch(List<Op> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Op> done = new ArrayList<>(batch.size());
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            for (Op op : batch) {
                st.execute("SAVEPOINT op");
                try {
                    op.run(connection);
                    st.execute("RELEASE op");
                    done.add(op);
                } catch (SQLException | RuntimeException e) {
                    st.execute("ROLLBACK TO op");
                    st.execute("RELEASE op");
                    op.failed(e);
                }
            }
            for (Runnable task : afterBatch) {
                task.run();
            }
            st.execute("COMMIT");
            batches++;
        } catch (SQLException | RuntimeException e) {
            log.error("the data store could not commit {} operations: {}", done.size(), e.toString());
            try (Statement st = connection.createStatement()) {
                st.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // no transaction left to roll back: the error above says what happened
            }
            for (Op op : done) {
                op.failed(e);
            }
            return;
        }
        for (Op op : done) {
            op.committed();
        }
    }

    /** Writes what is queued, then stops the thread and closes the connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
