package org.messenger.bench;

/** Builds the UDP side of the benchmark from what the transport module offers in this build. */
final class UdpTransfers {
    private UdpTransfers() {}

    static UdpTransfer standard() {
        return new TransportUdpTransfer();
    }
}
