package org.messenger.bench;

/** Builds the UDP side of the benchmark from whatever the transport module offers in this build. */
final class UdpTransfers {
    private UdpTransfers() {}

    static UdpTransfer standard() {
        return UdpTransfer.unavailable("the transport's sender and receiver are not in this build yet"
                + " (branch transport-core is not merged); only the TCP baseline runs");
    }
}
