package org.messenger.files.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The read-only view of an opened file that the transport sends from. It remembers the byte at
 * {@code lastOffset} (the file's last byte as opened) whenever the sender reads it, so that the
 * completion line names the last byte actually sent, not whatever the disk holds at the end: a
 * file deleted or grown meanwhile changes nothing here.
 *
 * <p>The transport reads on its socket thread with positional reads ({@link #read(ByteBuffer, long)});
 * the check costs one comparison per read and allocates nothing. The control loop reads
 * {@link #lastByteSent()} after the transport reported completion (that report crossed a queue, so
 * it sees the value written before it).
 */
final class SentLastByte extends FileChannel {
    private final FileChannel file;
    private final long lastOffset;
    private volatile int lastByteSent = -1;

    /** @param lastOffset the offset of the last byte offered, or -1 for an empty file */
    SentLastByte(FileChannel file, long lastOffset) {
        this.file = file;
        this.lastOffset = lastOffset;
    }

    /** The last byte (0-255) as last read for sending, or -1 when it has not been read. */
    int lastByteSent() {
        return lastByteSent;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        int start = dst.position();
        int n = file.read(dst, position);
        if (n > 0 && lastOffset >= position && lastOffset < position + n) {
            lastByteSent = dst.get(start + (int) (lastOffset - position)) & 0xff;
        }
        return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        long position = file.position();
        int n = read(dst, position);
        if (n > 0) {
            file.position(position + n);
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            if (!dsts[i].hasRemaining()) {
                continue;
            }
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
            if (dsts[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public int write(ByteBuffer src) {
        throw readOnly();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw readOnly();
    }

    @Override
    public int write(ByteBuffer src, long position) {
        throw readOnly();
    }

    @Override
    public FileChannel truncate(long size) {
        throw readOnly();
    }

    @Override
    public void force(boolean metaData) throws IOException {
        file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
        // A bulk copy would bypass the last-byte watch; the transport reads by position instead.
        throw new UnsupportedOperationException("a served file is read by position only");
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
        throw readOnly();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException("a served file is read by position only");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException("a served file is not locked");
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException("a served file is not locked");
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("a served file is read-only");
    }
}
