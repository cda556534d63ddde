package org.messenger.microbench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.messenger.transport.Buffers;
import org.messenger.transport.crypto.Aead;
import org.messenger.transport.crypto.AeadLibrary;
import org.messenger.transport.crypto.AeadProtection;
import org.messenger.transport.crypto.KeySchedule;
import org.messenger.transport.crypto.PacketProtection;
import org.messenger.transport.crypto.Side;
import org.messenger.transport.packet.Packet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Packet protection alone, the way the data path uses it: seal a datagram in place in a page-aligned
 * direct buffer (12-byte header as associated data, the rest encrypted, 16-byte tag appended), and
 * seal then open it again. Both AEADs, in both libraries (the JDK's {@code Cipher} and OpenSSL's
 * libcrypto, {@link AeadLibrary}), on a 1452-byte (Ethernet path) and a 65000-byte (loopback)
 * datagram. GB/s = datagram bytes / time per operation; run with {@code -prof gc} for B/op, e.g.
 * {@code ./messenger jmh PacketProtectionBenchmark -p aead=AES_128_GCM -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacketProtectionBenchmark {
    private static final int HEADER_BYTES = 12;

    @Param({"AES_128_GCM", "CHACHA20_POLY1305"})
    Aead aead;

    @Param({"JDK", "OPENSSL", "AUTO"})
    AeadLibrary library;

    @Param({"1452", "65000"})
    int datagramBytes;

    private PacketProtection sender;
    private PacketProtection receiver;
    private ByteBuffer buffer;
    private long pn;

    @Setup(Level.Trial)
    public void keys() {
        byte[] token = new byte[32];
        byte[] nonce = new byte[16];
        var r = KeySchedule.trafficKeys(token, 1, nonce, nonce, Side.RECEIVER, aead);
        var s = KeySchedule.trafficKeys(token, 1, nonce, nonce, Side.SENDER, aead);
        if (!library.available()) {
            throw new IllegalStateException(library + " cannot run here: " + library.unavailableReason());
        }
        sender = new AeadProtection(aead, library, s, r);
        receiver = new AeadProtection(aead, library, r, s);
        buffer = Buffers.alignedDirect(Packet.MAX_DATAGRAM_LIMIT + 64);
        for (int i = 0; i < datagramBytes; i++) buffer.put(i, (byte) i);
    }

    @TearDown(Level.Trial)
    public void close() {
        sender.close();
        receiver.close();
    }

    @Benchmark
    public int seal() {
        return sender.seal(buffer, 0, HEADER_BYTES, datagramBytes - Packet.TAG_BYTES, pn++);
    }

    @Benchmark
    public boolean sealAndOpen() {
        long n = pn++;
        int end = sender.seal(buffer, 0, HEADER_BYTES, datagramBytes - Packet.TAG_BYTES, n);
        return receiver.open(buffer, 0, HEADER_BYTES, end, n);
    }
}
