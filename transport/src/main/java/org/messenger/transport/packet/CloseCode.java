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

    private CloseCode() {}

    public static String name(long code) {
        return switch ((int) code) {
            case DONE -> "done";
            case CANCELLED -> "cancelled";
            case PROTOCOL_VIOLATION -> "protocol violation";
            case IO_ERROR -> "I/O error";
            case IDLE_TIMEOUT -> "idle timeout";
            case SHUTDOWN -> "shutdown";
            default -> "code " + code;
        };
    }
}
