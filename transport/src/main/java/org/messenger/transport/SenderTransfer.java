package org.messenger.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.messenger.transport.ack.AckRanges;
import org.messenger.transport.cc.CongestionController;
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

/**
 * The file sender's side of one transfer: waits for an authenticated HELLO, validates the
 * receiver's address, then sends the wanted ranges as DATA under congestion control, pacing and
 * the receiver's credit, retransmitting lost ranges in new packets (RFC 9002).
 */
final class SenderTransfer extends Transfer implements LossDetector.Listener, TransferHandle {

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
            InetSocketAddress expectedPeer, TransferConfig config, TransferListener listener, long nowNanos) {
        super(endpoint, ticket.transferId(), ticket.tokenUnsafe(), config, listener, nowNanos);
        this.source = source;
        this.offered = offered.copy();
        this.expectedPeer = expectedPeer;
        this.sent = new SentPacketRing(config.sentPacketCapacity());
        this.lossDetector = new LossDetector(sent, rtt);
        this.maxDatagram = config.maxDatagramBytes();
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
        // Pass 1: check every frame, and the HELLO's proof, before changing anything.
        ByteBuffer buf = r.buffer();
        int framesStart = buf.position();
        boolean hasHello = false;
        boolean ackEliciting = false;
        for (int type = r.nextFrame(); type != PacketReader.END; type = r.nextFrame()) {
            if (type == PacketReader.MALFORMED) {
                counters.add(EndpointCounters.MALFORMED);
                return;
            }
            if (type == Packet.HELLO) {
                if (!Handshake.macEquals(Handshake.helloMac(token, transferId, r.nonce()), r.mac())) {
                    counters.add(EndpointCounters.BAD_TOKEN);
                    return;
                }
                if (expectedPeer != null && !expectedPeer.getAddress().equals(from.getAddress())) {
                    counters.add(EndpointCounters.WRONG_PEER);
                    return;
                }
                hasHello = true;
            }
            ackEliciting |= PacketReader.isAckEliciting(type);
        }
        if (peer == null && !hasHello) {
            counters.add(EndpointCounters.UNEXPECTED); // nothing but a HELLO may open a transfer
            return;
        }
        if (peer != null && !from.equals(peer)) {
            counters.add(EndpointCounters.WRONG_PEER); // before validation only the first HELLO's address counts
            return;
        }
        if (phase == Phase.CLOSING) {
            onPacketWhileClosing(nowNanos);
            return;
        }
        if (phase == Phase.FINISHED) return;
        buf.position(framesStart);
        // Pass 2: apply.
        for (int type = r.nextFrame(); type != PacketReader.END; type = r.nextFrame()) {
            switch (type) {
                case Packet.HELLO -> onHello(r, from, nowNanos);
                case Packet.HELLO_DONE -> handshake.onHelloDone(r.nonce());
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
            if (!handshake.onRepeatedHello(r.nonce())) {
                counters.add(EndpointCounters.UNEXPECTED); // a second, different HELLO for a transfer already begun
            }
            return;
        }
        ByteRanges requested = r.helloRanges();
        handshake.begin(token, transferId, r.nonce());
        peer = from;
        maxDatagram = Math.min(config.maxDatagramBytes(), r.helloMaxDatagram());
        peerMaxAckDelayNanos = r.helloMaxAckDelayMicros() * 1000;
        credit = new SendCredit(r.helloInitialMaxData());
        cc = CongestionController.create(config.congestionControl(), maxDatagram);
        pacer = new Pacer(maxDatagram);
        phase = Phase.ACTIVE;
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
        long ackDelayNanos = Math.min(ack.ackDelayMicros() * 1000, peerMaxAckDelayNanos); // RFC 9002 §5.3
        persistentCongestion.begin();
        lossInPass = false;
        deliveryRate.beginAck();
        int newly = lossDetector.onAck(ack, ackDelayNanos, nowNanos, this);
        if (newly == LossDetector.ACK_INVALID) {
            counters.add(EndpointCounters.INVALID_ACK);
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
        if (schedule.allAcked() && phase == Phase.ACTIVE && handshake.validated()) {
            finishSending(nowNanos);
        }
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

    private void finishSending(long nowNanos) {
        phase = Phase.CLOSING;
        enterClosing(nowNanos, false);
        complete(nowNanos);
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
        if (peer == null) return Long.MAX_VALUE; // waiting for a HELLO; the endpoint holds the transfer
        if (idleExpired(nowNanos)) {
            closeLocally(CloseCode.IDLE_TIMEOUT, "The receiver stopped answering for "
                    + config.idleTimeoutNanos() / 1_000_000_000L + " s", null, nowNanos);
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
            boolean probe = probesDue > 0 || keepAliveDue(nowNanos);
            boolean cwndRoom = bytesInFlight + maxDatagram <= cc.cwndBytes();
            boolean dataReady = hasDataToSend();
            boolean sendData = dataReady && (cwndRoom || probe);
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
        if (egress.blocked()) wake = Math.min(wake, nowNanos + 50_000L);
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
        return lastAckElicitingSentNanos + config.idleTimeoutNanos() / 3;
    }

    private boolean hasDataToSend() {
        return !dataHeld() && schedule.hasData(credit);
    }

    private void buildAndSend(long nowNanos, Egress egress, int sizeLimit, boolean sendData, boolean probe,
            boolean cwndRoom, boolean dataReady) {
        long pn = sent.nextPacketNumber();
        PacketWriter w = egress.begin(sizeLimit, transferId, pn, lossDetector.largestAckedPn(), false);
        boolean ackEliciting = false;
        if (ackPending) {
            w.ack(peerPackets, 0);
            ackPending = false;
        }
        if (handshake.replyPending()) {
            handshake.writeReply(w, maxDatagram);
            ackEliciting = true;
        }
        long dataOffset = 0;
        int dataLength = 0;
        boolean retransmit = false;
        if (sendData && dataReady) {
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
        } else if (probe) {
            w.ping();
            ackEliciting = true;
        }
        pendingSize = w.position() + Packet.CRC_BYTES;
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
        if (left && !sent.isFull()) sent.add(nowNanos, 0, false, false, 0, 0, 0, 0, 0, false);
        else if (!left) endpoint.egress.dropPending(this);
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
