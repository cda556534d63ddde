package org.messenger.transport.packet;

/** Reason codes carried by CLOSE frames. */
public final class CloseCode {
    /** The receiver has every requested byte. */
    public static final int DONE = 0;
    /** One side cancelled the transfer on purpose. */
    public static final int CANCELLED = 1;
    /** A peer broke the protocol (for example asked for a range the sender does not offer). */
    public static final int PROTOCOL_VIOLATION = 2;
    /** Reading the source or writing the target failed. */
    public static final int IO_ERROR = 3;
    /** The peer stopped answering for the idle timeout. */
    public static final int IDLE_TIMEOUT = 4;
    /** The endpoint is shutting down. */
    public static final int SHUTDOWN = 5;

    /** Not sent on the wire: a sender's offer whose receiver never sent a valid HELLO in time. */
    public static final int HANDSHAKE_TIMEOUT = 6;
    /** The largest code this version knows. */
    public static final int MAX_KNOWN = HANDSHAKE_TIMEOUT;

    private CloseCode() {}

    /**
     * The code a CLOSE frame carried, as this version understands it: a number it does not know
     * (a varint up to 2^62) is PROTOCOL_VIOLATION, never a narrowing cast (2^32 once read as
     * DONE).
     */
    public static int fromWire(long code) {
        return code < 0 || code > MAX_KNOWN ? PROTOCOL_VIOLATION : (int) code;
    }

    public static String name(long code) {
        if (code < 0 || code > MAX_KNOWN) return "code " + code;
        return switch ((int) code) {
            case DONE -> "done";
            case CANCELLED -> "cancelled";
            case PROTOCOL_VIOLATION -> "protocol violation";
            case IO_ERROR -> "I/O error";
            case IDLE_TIMEOUT -> "idle timeout";
            case SHUTDOWN -> "shutdown";
            case HANDSHAKE_TIMEOUT -> "no handshake in time";
            default -> "code " + code;
        };
    }
}
