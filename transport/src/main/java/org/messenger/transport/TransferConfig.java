package org.messenger.transport;

import java.time.Duration;
import org.messenger.transport.crypto.AeadLibrary;
import org.messenger.transport.packet.Packet;

/**
 * Tunables of a transfer endpoint. {@link #defaults()} suits real networks; {@link #loopback()}
 * uses 64 KiB datagrams, which is what makes UDP fast on 127.0.0.1.
 *
 * @param maxDatagramBytes largest UDP payload we send (1200..65507); never IP-fragments on a
 *     real path at the default 1452
 * @param congestionControl "bbr" (default), "cubic" (RFC 9438) or "newreno" (RFC 9002 §7); BBR is the
 *     default because the loss-based controllers cannot keep a long, lossy path full (on a
 *     100 Mbit/s, 30 ms link with 2 % random loss CUBIC reaches well under half the link, BBR
 *     over 90 %; see docs/transport.md)
 * @param receiveWindowBytes flow-control window a receiver grants above its first missing byte
 * @param maxAckDelayNanos longest a receiver holds back an ACK (RFC 9000 §18.2 max_ack_delay)
 * @param idleTimeoutNanos a transfer fails when nothing arrives from its peer for this long
 * @param sentPacketCapacity most packets a sender can track in flight (power of two); the ring
 *     starts small and grows up to this with the window
 * @param offerTimeoutNanos a sender's offer fails (CloseCode.HANDSHAKE_TIMEOUT) when no valid HELLO
 *     arrives for this long after {@code send}
 * @param aeadLibrary which library seals and opens the packets when the system property
 *     {@value AeadLibrary#PROPERTY} names none ({@link AeadLibrary#AUTO} by default; one that cannot
 *     run here falls back to the JDK's, see {@link AeadLibrary#selected(AeadLibrary)})
 */
public record TransferConfig(int maxDatagramBytes, String congestionControl, long receiveWindowBytes,
        long maxAckDelayNanos, long idleTimeoutNanos, int sentPacketCapacity, long offerTimeoutNanos,
        AeadLibrary aeadLibrary) {

    public TransferConfig {
        if (maxDatagramBytes < Packet.MIN_HELLO_DATAGRAM || maxDatagramBytes > Packet.MAX_DATAGRAM_LIMIT) {
            throw new IllegalArgumentException("maxDatagramBytes must be between " + Packet.MIN_HELLO_DATAGRAM
                    + " and " + Packet.MAX_DATAGRAM_LIMIT + ", got " + maxDatagramBytes);
        }
        if (receiveWindowBytes < 4L * maxDatagramBytes) {
            throw new IllegalArgumentException("receiveWindowBytes must hold at least 4 datagrams");
        }
        if (maxAckDelayNanos < 0 || maxAckDelayNanos >= Packet.MAX_ACK_DELAY_LIMIT_MICROS * 1000) {
            throw new IllegalArgumentException("maxAckDelay must be at least 0 and less than "
                    + Packet.MAX_ACK_DELAY_LIMIT_MICROS / 1000 + " ms (RFC 9000 §18.2), got " + maxAckDelayNanos + " ns");
        }
        if (idleTimeoutNanos <= 0) {
            throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeoutNanos + " ns");
        }
        if (offerTimeoutNanos <= 0) {
            throw new IllegalArgumentException("offerTimeout must be positive, got " + offerTimeoutNanos + " ns");
        }
        if (Integer.bitCount(sentPacketCapacity) != 1) {
            throw new IllegalArgumentException("sentPacketCapacity must be a power of two");
        }
        org.messenger.transport.cc.CongestionController.create(congestionControl, maxDatagramBytes); // validates the name
        java.util.Objects.requireNonNull(aeadLibrary, "aeadLibrary");
    }

    public static TransferConfig defaults() {
        return new TransferConfig(Packet.DEFAULT_MAX_DATAGRAM, "bbr", 16L << 20, 25_000_000L,
                Duration.ofSeconds(30).toNanos(), 1 << 15, Duration.ofSeconds(30).toNanos(), AeadLibrary.AUTO);
    }

    /**
     * 64 KiB-class datagrams for 127.0.0.1 (65000 bytes leaves room under the IPv4 limit). BBR
     * matters most here: the loss-based controllers fill the 4 MiB socket buffers and lose to overflow.
     */
    public static TransferConfig loopback() {
        return defaults().withMaxDatagramBytes(65_000).withReceiveWindowBytes(64L << 20);
    }

    public TransferConfig withMaxDatagramBytes(int bytes) {
        return new TransferConfig(bytes, congestionControl, Math.max(receiveWindowBytes, 4L * bytes),
                maxAckDelayNanos, idleTimeoutNanos, sentPacketCapacity, offerTimeoutNanos, aeadLibrary);
    }

    public TransferConfig withCongestionControl(String name) {
        return new TransferConfig(maxDatagramBytes, name, receiveWindowBytes, maxAckDelayNanos, idleTimeoutNanos,
                sentPacketCapacity, offerTimeoutNanos, aeadLibrary);
    }

    public TransferConfig withReceiveWindowBytes(long bytes) {
        return new TransferConfig(maxDatagramBytes, congestionControl, bytes, maxAckDelayNanos, idleTimeoutNanos,
                sentPacketCapacity, offerTimeoutNanos, aeadLibrary);
    }

    public TransferConfig withIdleTimeout(Duration timeout) {
        return new TransferConfig(maxDatagramBytes, congestionControl, receiveWindowBytes, maxAckDelayNanos,
                timeout.toNanos(), sentPacketCapacity, offerTimeoutNanos, aeadLibrary);
    }

    public TransferConfig withMaxAckDelay(Duration delay) {
        return new TransferConfig(maxDatagramBytes, congestionControl, receiveWindowBytes, delay.toNanos(),
                idleTimeoutNanos, sentPacketCapacity, offerTimeoutNanos, aeadLibrary);
    }

    /**
     * The AEAD library to use unless {@value AeadLibrary#PROPERTY} names one: a client's downloads
     * ask for {@link AeadLibrary#OPENSSL} at every size, because a client's JVM is cold when a
     * download starts (docs/transport.md §4.2).
     */
    public TransferConfig withAeadLibrary(AeadLibrary library) {
        return new TransferConfig(maxDatagramBytes, congestionControl, receiveWindowBytes, maxAckDelayNanos,
                idleTimeoutNanos, sentPacketCapacity, offerTimeoutNanos, library);
    }

    /** How long an offer waits for its receiver's first valid HELLO (default 30 s). */
    public TransferConfig withOfferTimeout(Duration timeout) {
        return new TransferConfig(maxDatagramBytes, congestionControl, receiveWindowBytes, maxAckDelayNanos,
                idleTimeoutNanos, sentPacketCapacity, timeout.toNanos(), aeadLibrary);
    }
}
