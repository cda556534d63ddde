package org.messenger.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.random.RandomGenerator;
import org.messenger.transport.ack.AckRanges;
import org.messenger.transport.cc.CongestionController;
import org.messenger.transport.crypto.KeySchedule;
import org.messenger.transport.crypto.PacketProtection;
import org.messenger.transport.crypto.Side;
import org.messenger.transport.flow.SendCredit;
import org.messenger.transport.packet.CloseCode;
import org.messenger.transport.packet.Packet;
import org.messenger.transport.packet.PacketNumbers;
import org.messenger.transport.packet.PacketReader;
import org.messenger.transport.packet.PacketWriter;
import org.messenger.transport.pacing.Pacer;
import org.messenger.transport.recovery.DeliveryRateEstimator;
import org.messenger.transport.recovery.LossDetector;
import org.messenger.transport.recovery.PersistentCongestion;
import org.messenger.transport.recovery.ProbeTimeout;
import org.messenger.transport.recovery.RttEstimator;
import org.messenger.transport.recovery.SentPacketRing;
import org.messenger.transport.time.Saturating;

/**
 * The file sender's side of one transfer: waits for an authenticated HELLO, validates the
 * receiver's address, then sends the wanted ranges as DATA under congestion control, pacing and
 * the receiver's credit, retransmitting lost ranges in new packets (RFC 9002).
 */
final class SenderTransfer extends Transfer implements LossDetector.Listener, TransferHandle {
    /** Slots of the sent-packet ring at first (it doubles as the window needs, up to the config's capacity). */
    static final int INITIAL_SENT_RING = 64;

    private final FileChannel source;
    private final ByteRanges offered;
    private final InetSocketAddress expectedPeer;

    // Handshake.
    private InetSocketAddress peer;
    private final SenderHandshake handshake = new SenderHandshake();
    private int maxDatagram;
    private long peerMaxAckDelayNanos;

    // What to send.
    private final SendSchedule schedule = new SendSchedule();
    private SendCredit credit = new SendCredit(0);
    /** {@link #pause()} on this side: no DATA leaves, keep-alive PINGs do. */
    private boolean localPaused;

    // Recovery and congestion control.
    private final SentPacketRing sent;
    private final RttEstimator rtt = new RttEstimator();
    private final LossDetector lossDetector;
    private final ProbeTimeout pto = new ProbeTimeout();
    private final PersistentCongestion persistentCongestion = new PersistentCongestion();
    private final DeliveryRateEstimator deliveryRate = new DeliveryRateEstimator();
    private CongestionController cc;
    private Pacer pacer;
    private long bytesInFlight;
    private int ackElicitingInFlight;
    private long lastAckElicitingSentNanos;
    private int probesDue;
    /** The probe being sent is the second of its expiry: it leaves the PTO anchor where it is. */
    private boolean secondProbeSending;
    private long largestLostSentNanos;
    private boolean lossInPass;

    // Optimistic-ACK defence (RFC 9000 §21.4): a packet number left out now and then, at random.
    /** Packet numbers between two skipped ones: uniform in [MIN, MIN + SPREAD). */
    static final int SKIP_INTERVAL_MIN = 256;
    static final int SKIP_INTERVAL_SPREAD = 512;
    private final RandomGenerator random;
    private long nextSkippedPn;

    // Receiver's packets we acknowledge.
    private final AckRanges peerPackets = new AckRanges(16);
    private long largestPeerPn = -1;
    private boolean ackPending;

    // Packet waiting in the egress.
    private long pendingSize;
    private boolean pendingAckEliciting;
    private long pendingDataOffset;
    private int pendingDataLength;
    private boolean pendingRetransmit;
    private boolean pendingAppLimited;
    private boolean pendingSecondProbe;

    // Stats.
    private long sentDataBytes;
    private long retransmittedBytes;
    private long packetsSent;
    private long packetsReceived;
    private long packetsLost;

    SenderTransfer(TransferEndpoint endpoint, FileChannel source, ByteRanges offered, TransferTicket ticket,
            InetSocketAddress expectedPeer, TransferConfig config, TransferListener listener, RandomGenerator random,
            long nowNanos) {
        super(endpoint, ticket.transferId(), ticket.tokenUnsafe(), config, listener, nowNanos);
        this.source = source;
        this.offered = offered.copy();
        this.expectedPeer = expectedPeer;
        // Starts small and grows with the window: an offer nobody starts costs a few KiB, not the
        // 1.7 MB of a full ring (issue 14, item 5).
        this.sent = new SentPacketRing(Math.min(INITIAL_SENT_RING, config.sentPacketCapacity()),
                config.sentPacketCapacity());
        this.lossDetector = new LossDetector(sent, rtt);
        this.maxDatagram = config.maxDatagramBytes();
        this.random = random;
        this.nextSkippedPn = skipInterval();
    }

    private int skipInterval() {
        return SKIP_INTERVAL_MIN + random.nextInt(SKIP_INTERVAL_SPREAD);
    }

    @Override
    Side side() {
        return Side.SENDER;
    }

    /** Until HELLO_DONE proved the receiver has the traffic keys, only the handshake keys are sure to be shared. */
    @Override
    PacketProtection closeProtection() {
        return handshake.validated() ? trafficProtection : handshakeProtection;
    }

    @Override
    InetSocketAddress peer() {
        return peer;
    }

    @Override
    long ptoNanos() {
        return rtt.ptoNanos(peerMaxAckDelayNanos);
    }

    // ---------------------------------------------------------------- receiving

    @Override
    void onPacket(PacketReader r, InetSocketAddress from, int datagramBytes, long nowNanos) {
        if (!r.fromReceiver()) {
            counters.add(EndpointCounters.UNEXPECTED);
            return;
        }
        if (handshake.validated() && !from.equals(peer)) {
            counters.add(EndpointCounters.WRONG_PEER);
            return;
        }
        long pn = PacketNumbers.decode(largestPeerPn, r.truncatedPn(), r.pnLength() * 8);
        if (peerPackets.contains(pn)) {
            counters.add(EndpointCounters.DUPLICATE);
            return;
        }
        // The tag first: nothing of a packet that is not authentic is looked at (RFC 9001 §5.5).
        if (!unprotect(r, pn)) return;
        // Pass 1: check every frame before changing anything.
        ByteBuffer buf = r.buffer();
        int framesStart = buf.position();
        boolean hasHello = false;
        boolean hasHelloDone = false;
        boolean ackEliciting = false;
        for (int type = r.nextFrame(); type != PacketReader.END; type = r.nextFrame()) {
            if (type == PacketReader.MALFORMED) {
                counters.add(EndpointCounters.MALFORMED);
                return;
            }
            if (!allowed(type, r.handshake())) {
                counters.add(EndpointCounters.UNEXPECTED);
                return;
            }
            if (type == Packet.HELLO) {
                if (expectedPeer != null && !expectedPeer.getAddress().equals(from.getAddress())) {
                    counters.add(EndpointCounters.WRONG_PEER);
                    return;
                }
                if (handshake.begun() && !handshake.sameHello(r.nonce())) {
                    counters.add(EndpointCounters.BAD_TOKEN); // another attempt with this ticket after one began
                    return;
                }
                hasHello = true;
            }
            if (type == Packet.HELLO_DONE) hasHelloDone = handshake.echoesOurNonce(r.nonce());
            ackEliciting |= PacketReader.isAckEliciting(type);
        }
        if (!handshake.begun() && !hasHello) {
            counters.add(EndpointCounters.UNEXPECTED); // nothing but a HELLO may open a transfer
            return;
        }
        // Until an AEAD-sealed HELLO_DONE proves an address, the latest authentic HELLO's address is
        // where we answer; a replay of the receiver's HELLO from elsewhere moves the answer (under
        // that address's own 3x budget) but cannot stop the receiver's HELLO_DONE from binding it.
        if (peer != null && !from.equals(peer) && !hasHello && !(hasHelloDone && !handshake.validated())) {
            counters.add(EndpointCounters.WRONG_PEER);
            return;
        }
        if (phase == Phase.CLOSING) {
            onPacketWhileClosing(datagramBytes, nowNanos);
            return;
        }
        if (phase == Phase.FINISHED) return;
        buf.position(framesStart);
        // Pass 2: apply.
        for (int type = r.nextFrame(); type != PacketReader.END; type = r.nextFrame()) {
            switch (type) {
                case Packet.HELLO -> onHello(r, from, nowNanos);
                case Packet.HELLO_DONE -> {
                    if (handshake.onHelloDone(r.nonce())) peer = from; // the address is proven: bind it
                }
                case Packet.ACK -> onAckFrame(r, nowNanos);
                case Packet.FLOW -> credit.onFlow(r.flowMaxOffset(), r.flowPaused(), pn);
                case Packet.CLOSE -> {
                    recordPeerPacket(pn, datagramBytes, false, nowNanos);
                    closedByPeer(r.closeCode(), r.closeReason(), nowNanos);
                    return;
                }
                case Packet.PING, Packet.PADDING -> { }
                default -> counters.add(EndpointCounters.UNEXPECTED); // DATA, HELLO_REPLY: not for a sender
            }
            if (phase != Phase.HANDSHAKE && phase != Phase.ACTIVE) return;
        }
        recordPeerPacket(pn, datagramBytes, ackEliciting, nowNanos);
        maybeReportPause();
    }

    private boolean reportedPaused;

    /**
     * Which frames a receiver's packet may carry: the handshake's HMAC covers only what opens a
     * transfer (HELLO) or ends it before the traffic keys are shared (CLOSE); everything else,
     * and the proof of the traffic keys (HELLO_DONE), must come sealed by the AEAD.
     */
    private static boolean allowed(int type, boolean handshakePacket) {
        return switch (type) {
            case Packet.HELLO -> handshakePacket;
            case Packet.PADDING, Packet.PING, Packet.CLOSE -> true;
            default -> !handshakePacket;
        };
    }

    private void maybeReportPause() {
        if (credit.paused() != reportedPaused) {
            reportedPaused = credit.paused();
            listener.onPaused(reportedPaused);
        }
    }

    private void recordPeerPacket(long pn, int datagramBytes, boolean ackEliciting, long nowNanos) {
        peerPackets.add(pn);
        if (pn > largestPeerPn) largestPeerPn = pn;
        handshake.onReceived(datagramBytes);
        packetsReceived++;
        lastReceivedNanos = nowNanos;
        if (ackEliciting) ackPending = true; // the receiver's packets are rare: acknowledge at once
    }

    private void onHello(PacketReader r, InetSocketAddress from, long nowNanos) {
        if (handshake.begun()) {
            // The same HELLO again (pass 1 refused any other): our reply was lost, or it is a
            // replay. Answer where it came from, within that address's own budget.
            handshake.onRepeatedHello();
            if (!handshake.validated() && !from.equals(peer)) {
                peer = from;
                handshake.onNewAddress();
            }
            return;
        }
        ByteRanges requested = r.helloRanges();
        handshake.begin(r.nonce());
        trafficProtection = KeySchedule.trafficProtection(token, transferId, r.nonce(), handshake.senderNonce(),
                Side.SENDER, config.aeadLibrary());
        peer = from;
        maxDatagram = Math.min(config.maxDatagramBytes(), r.helloMaxDatagram());
        long maxAckDelayMicros = r.helloMaxAckDelayMicros();
        // RFC 9000 §18.2: values of 2^14 ms or more are invalid. Bounded here, the delay and every
        // period built from it stay far from overflow.
        boolean badAckDelay = maxAckDelayMicros >= Packet.MAX_ACK_DELAY_LIMIT_MICROS;
        peerMaxAckDelayNanos = badAckDelay ? 0 : maxAckDelayMicros * 1000;
        credit = new SendCredit(r.helloInitialMaxData());
        cc = CongestionController.create(config.congestionControl(), maxDatagram);
        pacer = new Pacer(maxDatagram);
        phase = Phase.ACTIVE;
        if (badAckDelay) {
            closeLocally(CloseCode.PROTOCOL_VIOLATION, "The receiver's HELLO gives max_ack_delay " + maxAckDelayMicros
                    + " µs; the protocol allows less than " + Packet.MAX_ACK_DELAY_LIMIT_MICROS / 1000
                    + " ms (RFC 9000 §18.2). Update the client.", null, nowNanos);
            return;
        }
        if (!offered.containsAll(requested)) {
            closeLocally(CloseCode.PROTOCOL_VIOLATION, "The receiver asked for bytes this transfer does not offer",
                    null, nowNanos);
            return;
        }
        schedule.start(requested);
        listener.onStarted(snapshot(nowNanos));
    }

    private void onAckFrame(PacketReader r, long nowNanos) {
        var ack = r.ack();
        // RFC 9002 §5.3: clamped to [0, max_ack_delay]; the product saturates instead of wrapping
        // negative (a wrapped delay once passed the min() and inflated the RTT to years).
        long reportedDelayNanos = Saturating.multiply(ack.ackDelayMicros(), 1000);
        long ackDelayNanos = Math.min(reportedDelayNanos, peerMaxAckDelayNanos);
        // An ACK the receiver says it held for well over max_ack_delay is a repeat (its control
        // retry or keep-alive, sent because the first copy was lost or nothing came): it measures
        // the receiver's timers, not the path. Capped per RFC 9002 §5.3, such a sample once put
        // 10 s into the smoothed RTT, stretching the PTO past the next keep-alive and leaving a
        // download silent for 10 s at 5 % loss (issue 14, item 9). So it gives no RTT sample.
        boolean rttSample = reportedDelayNanos <= Saturating.add(Saturating.multiply(peerMaxAckDelayNanos, 2),
                RttEstimator.GRANULARITY_NANOS);
        persistentCongestion.begin();
        lossInPass = false;
        deliveryRate.beginAck();
        int newly = lossDetector.onAck(ack, ackDelayNanos, rttSample, nowNanos, this);
        if (newly == LossDetector.ACK_INVALID || newly == LossDetector.ACK_SKIPPED) {
            // RFC 9000 §13.1, §21.4: acknowledging what was never sent is a protocol violation; a
            // skipped number gives away a receiver acknowledging packets it has not received.
            counters.add(EndpointCounters.INVALID_ACK);
            closeLocally(CloseCode.PROTOCOL_VIOLATION, newly == LossDetector.ACK_SKIPPED
                    ? "The receiver acknowledged a packet number that was never sent (an optimistic ACK)"
                    : "The receiver acknowledged packet " + ack.largest() + ", beyond the last one sent ("
                            + (sent.nextPacketNumber() - 1) + ")", null, nowNanos);
            return;
        }
        if (newly > 0) {
            pto.reset();
            if (deliveryRate.endAck(rtt.minRttNanos())) {
                cc.onRateSample(deliveryRate.delivered(), deliveryRate.samplePriorDelivered(),
                        deliveryRate.sampleRateBytesPerSecond(), deliveryRate.sampleAppLimited(), nowNanos, rtt);
            }
        }
        endLossPass(nowNanos);
        // Every byte acknowledged is not the end: only the receiver's CLOSE(DONE) is (an ACK can be
        // optimistic; issue 14, item 3). Until it comes, poll probes for it.
    }

    private void endLossPass(long nowNanos) {
        if (lossInPass) {
            cc.onCongestionEvent(largestLostSentNanos, nowNanos);
            if (persistentCongestion.detected()) cc.onPersistentCongestion(nowNanos);
        }
    }

    @Override
    public void onPacketAcked(long pn, long nowNanos) {
        persistentCongestion.onAcked(pn);
        int size = sent.sizeBytes(pn);
        if (sent.countsInFlight(pn)) {
            bytesInFlight -= size;
            deliveryRate.onPacketAcked(pn, sent, nowNanos);
            cc.onPacketAcked(sent.sentTimeNanos(pn), size, sent.appLimited(pn), nowNanos, rtt);
        }
        if (sent.ackEliciting(pn)) ackElicitingInFlight--;
        int len = sent.dataLength(pn);
        if (len > 0) {
            schedule.onAcked(sent.dataOffset(pn), len);
        }
    }

    @Override
    public void onPacketLost(long pn, long nowNanos) {
        packetsLost++;
        long sentTime = sent.sentTimeNanos(pn);
        if (sent.countsInFlight(pn)) {
            bytesInFlight -= sent.sizeBytes(pn);
            cc.onPacketLost(sent.sizeBytes(pn), nowNanos);
        }
        if (sent.ackEliciting(pn)) ackElicitingInFlight--;
        persistentCongestion.onLost(pn, sentTime, sent.ackEliciting(pn), rtt, peerMaxAckDelayNanos);
        if (!lossInPass || sentTime > largestLostSentNanos) largestLostSentNanos = sentTime;
        lossInPass = true;
        int len = sent.dataLength(pn);
        if (len > 0) {
            // Data goes again in a new packet, minus whatever a later copy already delivered.
            schedule.onLost(sent.dataOffset(pn), len);
        }
    }


    @Override
    void onPeerDone(long nowNanos) {
        complete(nowNanos);
    }

    // ---------------------------------------------------------------- sending

    @Override
    long poll(long nowNanos, Egress egress) {
        if (phase == Phase.FINISHED) return Long.MAX_VALUE;
        if (phase == Phase.CLOSING) return pollClosing(nowNanos, egress, false, sent.nextPacketNumber(),
                lossDetector.largestAckedPn());
        if (peer == null) {
            // Waiting for a HELLO, but not forever: an offer nobody starts holds a port, a file and
            // memory on the server (issue 14, item 5).
            long expiry = Saturating.add(createdNanos, config.offerTimeoutNanos());
            if (nowNanos < expiry) return expiry;
            phase = Phase.FINISHED;
            fail(new TransferException(CloseCode.HANDSHAKE_TIMEOUT, false, "No receiver started this transfer within "
                    + config.offerTimeoutNanos() / 1_000_000_000L + " s (no valid HELLO arrived); the offer is"
                    + " withdrawn. Ask for the file again.", null), nowNanos);
            return Long.MAX_VALUE;
        }
        if (idleExpired(nowNanos)) {
            closeLocally(CloseCode.IDLE_TIMEOUT, (schedule.allAcked()
                    ? "The receiver acknowledged every byte but did not confirm completion (CLOSE done) for "
                    : "The receiver stopped answering for ") + config.idleTimeoutNanos() / 1_000_000_000L + " s",
                    null, nowNanos);
            return pollClosing(nowNanos, egress, false, sent.nextPacketNumber(), lossDetector.largestAckedPn());
        }
        // Timers (RFC 9002 §6.2 / §A.9 OnLossDetectionTimeout).
        if (lossDetector.lossTimeNanos() <= nowNanos) {
            persistentCongestion.begin();
            lossInPass = false;
            lossDetector.detectLostPackets(nowNanos, this);
            endLossPass(nowNanos);
        } else if (!amplificationBlocked() && ptoDeadline() <= nowNanos) {
            pto.onExpired(nowNanos, rtt, peerMaxAckDelayNanos); // one probe now, the second half a period later
            probesDue = 1;
        } else if (!amplificationBlocked() && pto.takeSecondProbe(nowNanos)) {
            probesDue = 1;
            secondProbeSending = true;
        }
        pacer.setRate(cc.pacingRateBytesPerSecond(rtt));
        progressTick(nowNanos);
        long wake = Long.MAX_VALUE;
        while (!egress.blocked() && phase == Phase.ACTIVE) {
            if (sent.isFull()) break;
            // RFC 9000 §8.1: anti-amplification limit; smaller packets until the address is proven.
            int sizeLimit = handshake.sizeLimit(maxDatagram);
            if (sizeLimit == 0) break;
            boolean replyAlone = handshake.replyAlone();
            boolean probe = !replyAlone && (probesDue > 0 || keepAliveDue(nowNanos) || doneProbeDue(nowNanos));
            boolean cwndRoom = bytesInFlight + maxDatagram <= cc.cwndBytes();
            boolean dataReady = hasDataToSend();
            boolean sendData = !replyAlone && dataReady && (cwndRoom || probe);
            if (sendData && !probe) {
                long at = pacer.nextSendNanos(maxDatagram, nowNanos);
                if (at > nowNanos) {
                    wake = Math.min(wake, at);
                    sendData = false;
                }
            }
            if (!sendData && !ackPending && !handshake.replyPending() && !probe) {
                if (!dataReady && cwndRoom) deliveryRate.onAppLimited(bytesInFlight); // nothing to send
                break;
            }
            buildAndSend(nowNanos, egress, sizeLimit, sendData, probe, cwndRoom, dataReady);
            if (probesDue > 0 && --probesDue == 0) secondProbeSending = false;
        }
        if (phase != Phase.ACTIVE) return phase == Phase.FINISHED ? Long.MAX_VALUE : nowNanos;
        wake = Math.min(wake, lossDetector.lossTimeNanos());
        // RFC 9002 §6.2.2.1: no PTO while the anti-amplification limit allows nothing to be sent
        // (a probe could not leave, and the expired timer would wake us over and over); the
        // receiver's repeated HELLO raises the budget and wakes us instead.
        if (!amplificationBlocked()) wake = Math.min(wake, Math.min(ptoDeadline(), pto.secondProbeAtNanos()));
        wake = Math.min(wake, idleDeadline());
        wake = Math.min(wake, nextProgressNanos);
        if (localPaused) wake = Math.min(wake, keepAliveAt());
        wake = Math.min(wake, doneProbeAt());
        if (egress.blocked()) wake = Math.min(wake, nowNanos + Egress.BLOCKED_RECHECK_NANOS);
        return wake;
    }

    private boolean amplificationBlocked() {
        return handshake.amplificationBlocked();
    }

    private long ptoDeadline() {
        return pto.deadlineNanos(ackElicitingInFlight > 0, rtt, peerMaxAckDelayNanos);
    }

    /** Paused by either side: no DATA at all, not even in probes (docs/transport.md §5). */
    private boolean dataHeld() {
        return localPaused || credit.paused();
    }

    /**
     * While this side holds the data, nothing it sends would otherwise elicit an answer: a PING
     * every third of the idle timeout keeps both ends from idling out, whatever the receiver does.
     */
    private boolean keepAliveDue(long nowNanos) {
        return localPaused && nowNanos >= keepAliveAt();
    }

    private long keepAliveAt() {
        return Saturating.add(lastAckElicitingSentNanos, config.idleTimeoutNanos() / 3);
    }

    /**
     * Every byte is acknowledged and nothing ack-eliciting is in flight, yet no CLOSE(DONE): the
     * receiver's was lost (it repeats it for each packet it gets while it lingers). A PING draws
     * it; the PTO covers a lost PING, and once that PING is acknowledged without DONE the next one
     * waits a backed-off PTO period.
     */
    private boolean doneProbeDue(long nowNanos) {
        return nowNanos >= doneProbeAt();
    }

    private long doneProbeAt() {
        if (!schedule.allAcked() || !handshake.validated() || ackElicitingInFlight > 0) return Long.MAX_VALUE;
        return Saturating.add(lastAckElicitingSentNanos, pto.periodNanos(rtt, peerMaxAckDelayNanos));
    }

    private boolean hasDataToSend() {
        return !dataHeld() && schedule.hasData(credit);
    }

    private void buildAndSend(long nowNanos, Egress egress, int sizeLimit, boolean sendData, boolean probe,
            boolean cwndRoom, boolean dataReady) {
        if (sent.nextPacketNumber() >= nextSkippedPn && sent.hasRoomFor(2)) {
            sent.skip();
            nextSkippedPn = sent.nextPacketNumber() + skipInterval();
        }
        long pn = sent.nextPacketNumber();
        // HELLO_REPLY travels alone in a handshake packet (the receiver has no traffic keys before
        // it); file bytes only ever leave sealed by the AEAD, in the packets after it.
        boolean reply = handshake.replyPending();
        PacketWriter w = egress.begin(sizeLimit, transferId, pn, lossDetector.largestAckedPn(), false,
                reply ? handshakeProtection : trafficProtection);
        boolean ackEliciting = false;
        if (ackPending) {
            w.ack(peerPackets, 0);
            ackPending = false;
        }
        if (reply) {
            handshake.writeReply(w, maxDatagram);
            ackEliciting = true;
        }
        long dataOffset = 0;
        int dataLength = 0;
        boolean retransmit = false;
        if (reply) {
            // nothing more in this packet
        } else if (sendData && dataReady) {
            retransmit = schedule.nextIsRetransmission();
            dataOffset = schedule.nextOffset();
            dataLength = (int) Math.min(schedule.nextLength(credit), w.maxDataLength(dataOffset));
        } else if (probe && !dataHeld()) {
            // RFC 9002 §6.2.4: a probe carries data if it can; else the oldest data in flight; else PING.
            long oldestData = oldestInFlightData();
            if (oldestData >= 0) {
                retransmit = true;
                dataOffset = sent.dataOffset(oldestData);
                dataLength = Math.min(sent.dataLength(oldestData), w.maxDataLength(dataOffset));
            }
        }
        if (dataLength > 0) {
            int at = w.beginData(dataOffset, dataLength);
            if (!readSource(w, at, dataOffset, dataLength, nowNanos)) return;
            w.endData(at, dataLength);
            ackEliciting = true;
            schedule.onSent(dataOffset, dataLength, retransmit);
        } else if (probe && !reply) {
            w.ping();
            ackEliciting = true;
        }
        pendingSize = w.position() + Packet.TAG_BYTES;
        pendingAckEliciting = ackEliciting;
        pendingDataOffset = dataOffset;
        pendingDataLength = dataLength;
        pendingRetransmit = retransmit;
        pendingSecondProbe = secondProbeSending;
        // RFC 9002 §7.8: the window was not the limit if we had nothing more to send.
        pendingAppLimited = !cwndRoom ? false : !hasDataToSend();
        if (egress.send(peer, this)) commitPending(nowNanos);
    }

    private long oldestInFlightData() {
        for (long pn = sent.oldest(); pn < sent.nextPacketNumber(); pn++) {
            if (sent.isInFlight(pn) && sent.dataLength(pn) > 0) return pn;
        }
        return -1;
    }

    private boolean readSource(PacketWriter w, int at, long offset, int length, long nowNanos) {
        ByteBuffer target = w.dataTarget(at, length);
        try {
            long pos = offset;
            while (target.hasRemaining()) {
                int n = source.read(target, pos);
                if (n < 0) {
                    closeLocally(CloseCode.IO_ERROR, "The source ended at byte " + pos + " but byte "
                            + (offset + length - 1) + " was requested", null, nowNanos);
                    return false;
                }
                pos += n;
            }
            return true;
        } catch (IOException e) {
            closeLocally(CloseCode.IO_ERROR, "Cannot read the source file: " + e.getMessage(), e, nowNanos);
            return false;
        }
    }

    @Override
    public void commitPending(long nowNanos) {
        int size = (int) pendingSize;
        boolean inFlight = pendingAckEliciting; // ACK-only packets do not count (RFC 9002 §2)
        boolean rateAppLimited = inFlight && deliveryRate.onPacketSent(nowNanos, bytesInFlight);
        sent.add(nowNanos, size, pendingAckEliciting, inFlight, pendingDataOffset, pendingDataLength,
                deliveryRate.delivered(), deliveryRate.deliveredTimeNanos(), deliveryRate.firstSentTimeNanos(),
                pendingAppLimited || rateAppLimited);
        packetsSent++;
        handshake.onSent(size);
        if (inFlight) {
            bytesInFlight += size;
            cc.onPacketSent(nowNanos, size, bytesInFlight);
            pacer.onSent(size, nowNanos);
        }
        if (pendingAckEliciting) {
            ackElicitingInFlight++;
            lastAckElicitingSentNanos = nowNanos;
            pto.onAckElicitingSent(nowNanos, pendingSecondProbe);
        }
        if (pendingDataLength > 0) {
            sentDataBytes += pendingDataLength;
            if (pendingRetransmit) retransmittedBytes += pendingDataLength;
        }
    }

    @Override
    void onCloseSent(boolean left, long nowNanos) {
        pendingSize = 0;
        pendingAckEliciting = false;
        pendingDataLength = 0;
        // The number is used up whether the CLOSE left or not: it was sealed, and sealing another
        // packet under the same number would repeat the AEAD nonce.
        if (!sent.isFull()) sent.add(nowNanos, 0, false, false, 0, 0, 0, 0, 0, false);
        if (!left) endpoint.egress.dropPending(this);
    }

    int sentRingCapacity() {
        return sent.capacity();
    }

    /** The peer's address has been validated (RFC 9000 §8.1): the anti-amplification limit is off. */
    boolean addressValidated() {
        return handshake.validated();
    }

    long packetsSentCount() {
        return packetsSent;
    }

    /** Internal state for test diagnostics. */
    String debug() {
        return "phase=" + phase + " " + handshake + " inFlight=" + bytesInFlight + " ackElicitingInFlight="
                + ackElicitingInFlight + " cwnd=" + (cc == null ? 0 : cc.cwndBytes() + "/" + cc.ssthreshBytes()) + " credit=" + credit.maxOffset()
                + " paused=" + credit.paused() + " localPaused=" + localPaused + " " + schedule
                + " ptoCount=" + pto.ptoCount() + " lossTime=" + lossDetector.lossTimeNanos() + " pto=" + ptoDeadline()
                + " ring=" + sent.oldest() + ".." + sent.nextPacketNumber()
                + (cc instanceof org.messenger.transport.cc.Bbr b ? " bbr=" + b.mode() + " bw=" + b.bottleneckBandwidth()
                        + " cap=" + b.bandwidthCap() + " contentionCuts=" + b.contentionCuts() : "");
    }

    // ---------------------------------------------------------------- handle

    @Override
    TransferStats snapshot(long nowNanos) {
        return new TransferStats(schedule.wantedBytes(), schedule.ackedBytes(), sentDataBytes, retransmittedBytes,
                packetsSent, packetsReceived, packetsLost, rtt.smoothedRttNanos(), rtt.minRttNanos(),
                cc == null ? 0 : cc.cwndBytes(), pacer == null ? 0 : pacer.rateBytesPerSecond(),
                nowNanos - createdNanos);
    }

    @Override
    public long transferId() {
        return transferId;
    }

    @Override
    public TransferStats stats() {
        return published;
    }

    @Override
    public java.util.concurrent.CompletableFuture<TransferStats> completion() {
        return completion;
    }

    @Override
    public void cancel() {
        endpoint.submit(now -> closeLocally(CloseCode.CANCELLED, "The sender cancelled the transfer", null, now));
    }

    @Override
    public void pause() {
        endpoint.submit(now -> setLocalPaused(true));
    }

    @Override
    public void resume() {
        endpoint.submit(now -> setLocalPaused(false));
    }

    /**
     * Only the flag changes: ranges, the retransmission queue, RTT and congestion state all stay,
     * so a resume sends lost data first and then new data from the very offset where it stopped.
     */
    private void setLocalPaused(boolean paused) {
        if (phase == Phase.CLOSING || phase == Phase.FINISHED) return;
        localPaused = paused;
    }
}
