package org.messenger.files.download;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The line the server sends when a download completes, in the original product's words:
 * {@code User alice downloaded 100% out of file notes.txt. Last byte is: 10}.
 */
public final class CompletionMessage {
    private CompletionMessage() {
    }

    /** The last byte of a file (0-255), read at its position without reading the rest; -1 when empty. */
    public static int lastByteOf(FileChannel file) throws IOException {
        long size = file.size();
        return size == 0 ? -1 : byteAt(file, size - 1);
    }

    /** The byte (0-255) at {@code position}, read without moving the channel's own position. */
    public static int byteAt(FileChannel file, long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        while (one.hasRemaining()) {
            if (file.read(one, position) < 0) {
                throw new EOFException("the file shrank while its last byte was read");
            }
        }
        return one.get(0) & 0xff;
    }

    /**
     * @param lastByte the file's last byte (0-255), or -1 for an empty file
     */
    public static String format(String nick, String fileName, int lastByte) {
        return "User " + nick + " downloaded 100% out of file " + fileName + ". Last byte is: " + describeByte(lastByte);
    }

    /**
     * The byte in decimal, followed by the character in quotes when it is printable ASCII:
     * {@code 65 ('A')}, {@code 10}, {@code 255}. An empty file has no last byte: {@code none (empty file)}.
     */
    public static String describeByte(int value) {
        if (value == -1) {
            return "none (empty file)";
        }
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("a byte is 0-255, got " + value);
        }
        return value >= 0x20 && value < 0x7f ? value + " ('" + (char) value + "')" : Integer.toString(value);
    }
}
