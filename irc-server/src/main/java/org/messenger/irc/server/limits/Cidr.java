package org.messenger.irc.server.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A block of addresses in CIDR notation (RFC 4632 §3.1): {@code 10.0.0.0/8}, {@code 2001:db8::/32};
 * a bare address is a block of one.
 */
public record Cidr(byte[] network, int prefixLength) {

    public Cidr {
        network = network.clone();
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + network.length);
        }
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is out of range 0-" + network.length * 8);
        }
        mask(network, prefixLength);
    }

    /**
     * Parses {@code ADDRESS[/BITS]}; only numeric addresses, never a DNS lookup.
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        boolean ipv6 = address.indexOf(':') >= 0 && address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
        boolean ipv4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("'" + text + "' is not an address block: write it like 10.0.0.0/8, 192.168.1.7 or fd00::/8");
        }
        byte[] bytes;
        try {
            // A literal (checked above): InetAddress parses it without looking anything up.
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address block: write it like 10.0.0.0/8, 192.168.1.7 or fd00::/8", e);
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            String suffix = trimmed.substring(slash + 1);
            if (suffix.isEmpty() || suffix.length() > 3 || !suffix.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("'" + text + "': the prefix length after '/' must be a number of bits, 0-" + bits);
            }
            int parsed = Integer.parseInt(suffix);
            if (parsed > bits) {
                throw new IllegalArgumentException("'" + text + "': the prefix length must be 0-" + bits + " for this address");
            }
            bits = parsed;
        }
        return new Cidr(bytes, bits);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        mask(candidate, prefixLength);
        return Arrays.equals(candidate, network);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    private static void mask(byte[] bytes, int prefixLength) {
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && prefixLength == other.prefixLength && Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes, checked above
        }
    }
}
