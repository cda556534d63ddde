package org.messenger.microbench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A file of {@code size} bytes that costs nothing to read or write: positional reads leave the
 * buffer's bytes as they are and positional writes discard them. The transfer benchmarks use it
 * so that they measure the protocol, not the page cache; only the calls a transfer makes
 * (positional read and write, size) are supported.
 */
final class NullFileChannel extends FileChannel {
    private final long size;

    NullFileChannel(long size) {
        this.size = size;
    }

    @Override
    public int read(ByteBuffer dst, long position) {
        if (position >= size) return -1;
        int n = (int) Math.min(dst.remaining(), size - position);
        dst.position(dst.position() + n);
        return n;
    }

    @Override
    public int write(ByteBuffer src, long position) {
        int n = src.remaining();
        src.position(src.limit());
        return n;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(ByteBuffer dst) {
        throw unsupported("read(ByteBuffer)");
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) {
        throw unsupported("scattering read");
    }

    @Override
    public int write(ByteBuffer src) {
        throw unsupported("write(ByteBuffer)");
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw unsupported("gathering write");
    }

    @Override
    public long position() {
        throw unsupported("position()");
    }

    @Override
    public FileChannel position(long newPosition) {
        throw unsupported("position(long)");
    }

    @Override
    public FileChannel truncate(long newSize) {
        throw unsupported("truncate");
    }

    @Override
    public void force(boolean metaData) {
        // Nothing is ever stored, so there is nothing to flush.
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
        throw unsupported("transferTo");
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
        throw unsupported("transferFrom");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw unsupported("map");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
        throw unsupported("lock");
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
        throw unsupported("tryLock");
    }

    @Override
    protected void implCloseChannel() throws IOException {}

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(what + " is not supported by the benchmark's null file; "
                + "transfers only use positional reads and writes");
    }
}
