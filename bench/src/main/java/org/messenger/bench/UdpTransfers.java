package org.messenger.bench;

/** Builds the UDP side of the benchmark from what the transport module offers in this build. */
final class UdpTransfers {
    private UdpTransfers() {}

    /** @param congestionControl as {@code TransferConfig} names it, or null for the transport's default */
    static UdpTransfer standard(String congestionControl) {
        return new TransportUdpTransfer(congestionControl);
    }
}
