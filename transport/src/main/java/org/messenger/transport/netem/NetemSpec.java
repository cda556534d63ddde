package org.messenger.transport.netem;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the impairment layer does to one direction of a link, parsed from a spec string such as
 * {@code rate=100mbit,delay=15ms,jitter=2ms,queue=25,loss=2%,burst=3,reorder=1%,dup=0.5%,corrupt=0.1%,blackhole=2s@10s,seed=7}.
 *
 * <p>Every key is optional; an empty spec (or {@code none}) impairs nothing. The meaning of each
 * key, and the order in which a {@link NetemLink} applies them, is in {@code docs/netem.md}.
 * {@link #toString()} prints the canonical form (only keys that differ from their default, in a
 * fixed order), and {@code parse(spec.toString())} gives back an equal spec.
 *
 * @param rateBitsPerSecond bottleneck serialization rate; 0 means unlimited (no queueing)
 * @param delayNanos one-way propagation delay added after serialization
 * @param jitterNanos half-width of the uniform jitter added to {@code delayNanos}
 * @param queuePackets drop-tail limit on packets waiting at the bottleneck (0 when a byte limit is set)
 * @param queueBytes drop-tail limit in bytes waiting at the bottleneck (0 when a packet limit is set)
 * @param lossPercent long-run share of packets lost, 0 to 100
 * @param burst mean length of a loss burst (Gilbert-Elliott); 1 means independent losses
 * @param reorderPercent share of packets held back so that later ones overtake them
 * @param dupPercent share of packets delivered twice
 * @param corruptPercent share of packets with one bit flipped
 * @param blackholeStartNanos when the blackhole starts, counted from the link's first packet
 * @param blackholeNanos how long everything is dropped; 0 for no blackhole
 * @param seed seed of the link's pseudo-random choices, meaningful only if {@code seeded}
 * @param seeded whether the spec names a seed; without one a real-time link picks its own
 */
public record NetemSpec(
        long rateBitsPerSecond,
        long delayNanos,
        long jitterNanos,
        int queuePackets,
        long queueBytes,
        double lossPercent,
        double burst,
        double reorderPercent,
        double dupPercent,
        double corruptPercent,
        long blackholeStartNanos,
        long blackholeNanos,
        long seed,
        boolean seeded) {

    /** Packets the bottleneck queue holds when the spec does not say (the kernel netem's default limit). */
    public static final int DEFAULT_QUEUE_PACKETS = 1000;

    /** No impairment at all: datagrams pass at once and intact. */
    public static final NetemSpec NONE = new NetemSpec(0, 0, 0, DEFAULT_QUEUE_PACKETS, 0, 0, 1, 0, 0, 0, 0, 0, 0, false);

    static final String ALLOWED_KEYS =
            "rate, delay, jitter, queue, loss, burst, reorder, dup, corrupt, blackhole, seed";

    public NetemSpec {
        requireNonNegative("rate", rateBitsPerSecond);
        requireNonNegative("delay", delayNanos);
        requireNonNegative("jitter", jitterNanos);
        requireNonNegative("queue", queuePackets);
        requireNonNegative("queue", queueBytes);
        if (queuePackets != 0 && queueBytes != 0) {
            throw new IllegalArgumentException("queue: give a limit in packets or in bytes, not both");
        }
        requirePercent("loss", lossPercent);
        requirePercent("reorder", reorderPercent);
        requirePercent("dup", dupPercent);
        requirePercent("corrupt", corruptPercent);
        if (!(burst >= 1) || Double.isInfinite(burst)) {
            throw new IllegalArgumentException("burst: the mean loss burst length must be a number >= 1, got " + burst);
        }
        // Gilbert-Elliott: P(good->bad) = loss * (1/burst) / (1 - loss) must be a probability.
        double loss = lossPercent / 100;
        if (burst > 1 && loss > 0 && loss < 1 && loss / (1 - loss) > burst) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "loss=%s%% with burst=%s cannot be reached: with mean bursts of %s packets the loss"
                            + " can be at most %s%%; raise burst or lower loss",
                    plain(lossPercent), plain(burst), plain(burst), plain(100 * burst / (1 + burst))));
        }
        requireNonNegative("blackhole", blackholeStartNanos);
        requireNonNegative("blackhole", blackholeNanos);
        if (blackholeNanos == 0) {
            // A blackhole of no length never happens, whenever it would start: "blackhole=0s@10s"
            // is the same link as no blackhole, and must be equal to it (toString leaves it out).
            blackholeStartNanos = 0;
        }
        if (!seeded && seed != 0) {
            throw new IllegalArgumentException("seed: an unseeded spec must carry seed 0");
        }
    }

    /**
     * Parses a spec string: comma-separated {@code key=value} pairs, case-insensitive, blanks
     * ignored. Throws {@link IllegalArgumentException} whose message names the key at fault and
     * what it accepts.
     */
    public static NetemSpec parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("netem spec is missing; use e.g. \"rate=100mbit,delay=15ms,loss=1%\" or \"none\"");
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none")) {
            return NONE;
        }
        long rate = 0;
        long delay = 0;
        long jitter = 0;
        int queuePackets = DEFAULT_QUEUE_PACKETS;
        long queueBytes = 0;
        double loss = 0;
        double burst = 1;
        double reorder = 0;
        double dup = 0;
        double corrupt = 0;
        long blackholeStart = 0;
        long blackholeDuration = 0;
        long seed = 0;
        boolean seeded = false;
        Set<String> seen = new HashSet<>();
        for (String part : trimmed.split(",", -1)) {
            String item = part.strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("netem spec \"" + text + "\" has an empty item; separate key=value pairs with single commas");
            }
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw new IllegalArgumentException("netem spec item \"" + item + "\" is not key=value; keys are: " + ALLOWED_KEYS);
            }
            String key = item.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = item.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            if (!seen.add(key)) {
                throw new IllegalArgumentException(key + ": given twice in \"" + text + "\"");
            }
            switch (key) {
                case "rate" -> rate = parseRate(value);
                case "delay" -> delay = parseDuration(key, value);
                case "jitter" -> jitter = parseDuration(key, value);
                case "queue" -> {
                    long[] q = parseQueue(value);
                    queuePackets = (int) q[0];
                    queueBytes = q[1];
                }
                case "loss" -> loss = parsePercent(key, value);
                case "burst" -> burst = parseBurst(value);
                case "reorder" -> reorder = parsePercent(key, value);
                case "dup" -> dup = parsePercent(key, value);
                case "corrupt" -> corrupt = parsePercent(key, value);
                case "blackhole" -> {
                    int at = value.indexOf('@');
                    if (at < 0) {
                        throw new IllegalArgumentException("blackhole: expected DURATION@START such as 2s@10s"
                                + " (drop everything for 2 s, starting 10 s after the first packet), got \"" + value + "\"");
                    }
                    blackholeDuration = parseDuration(key, value.substring(0, at));
                    blackholeStart = parseDuration(key, value.substring(at + 1));
                }
                case "seed" -> {
                    try {
                        seed = Long.parseLong(value);
                        seeded = true;
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("seed: expected a whole number such as 7, got \"" + value + "\"");
                    }
                }
                default -> throw new IllegalArgumentException(
                        "unknown netem key \"" + key + "\"; allowed keys are: " + ALLOWED_KEYS);
            }
        }
        return new NetemSpec(rate, delay, jitter, queuePackets, queueBytes, loss, burst, reorder, dup, corrupt,
                blackholeStart, blackholeDuration, seed, seeded);
    }

    /** True if this spec changes nothing about the datagrams that pass. */
    public boolean isNone() {
        return equals(NONE.withSeedOf(this));
    }

    /** The same impairment with the given seed. */
    public NetemSpec withSeed(long newSeed) {
        return new NetemSpec(rateBitsPerSecond, delayNanos, jitterNanos, queuePackets, queueBytes, lossPercent,
                burst, reorderPercent, dupPercent, corruptPercent, blackholeStartNanos, blackholeNanos, newSeed, true);
    }

    private NetemSpec withSeedOf(NetemSpec other) {
        return other.seeded ? withSeed(other.seed) : this;
    }

    public double lossProbability() {
        return lossPercent / 100;
    }

    public double reorderProbability() {
        return reorderPercent / 100;
    }

    public double dupProbability() {
        return dupPercent / 100;
    }

    public double corruptProbability() {
        return corruptPercent / 100;
    }

    /** The canonical spec string; {@code parse(toString())} equals this spec. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (rateBitsPerSecond != 0) append(sb, "rate", formatRate(rateBitsPerSecond));
        if (delayNanos != 0) append(sb, "delay", formatDuration(delayNanos));
        if (jitterNanos != 0) append(sb, "jitter", formatDuration(jitterNanos));
        if (queueBytes != 0) {
            append(sb, "queue", queueBytes + "b");
        } else if (queuePackets != DEFAULT_QUEUE_PACKETS) {
            append(sb, "queue", Integer.toString(queuePackets));
        }
        if (lossPercent != 0) append(sb, "loss", plain(lossPercent) + "%");
        if (burst != 1) append(sb, "burst", plain(burst));
        if (reorderPercent != 0) append(sb, "reorder", plain(reorderPercent) + "%");
        if (dupPercent != 0) append(sb, "dup", plain(dupPercent) + "%");
        if (corruptPercent != 0) append(sb, "corrupt", plain(corruptPercent) + "%");
        if (blackholeNanos != 0) {
            append(sb, "blackhole", formatDuration(blackholeNanos) + "@" + formatDuration(blackholeStartNanos));
        }
        if (seeded) append(sb, "seed", Long.toString(seed));
        return sb.isEmpty() ? "none" : sb.toString();
    }

    private static void append(StringBuilder sb, String key, String value) {
        if (!sb.isEmpty()) {
            sb.append(',');
        }
        sb.append(key).append('=').append(value);
    }

    // ---- values ---------------------------------------------------------------------------

    private static long parseRate(String value) {
        String[][] units = {{"gbit", "1000000000"}, {"mbit", "1000000"}, {"kbit", "1000"}, {"bit", "1"}};
        for (String[] unit : units) {
            if (value.endsWith(unit[0])) {
                BigDecimal number = number("rate", value.substring(0, value.length() - unit[0].length()), value,
                        "a rate such as 100mbit (units: bit, kbit, mbit, gbit; bits per second)");
                long bits = whole("rate", value, number.multiply(new BigDecimal(unit[1])));
                if (bits <= 0) {
                    throw new IllegalArgumentException("rate: must be above 0, got \"" + value + "\"; leave rate out for an unlimited link");
                }
                return bits;
            }
        }
        throw new IllegalArgumentException("rate: expected a rate such as 100mbit (units: bit, kbit, mbit, gbit;"
                + " bits per second), got \"" + value + "\"");
    }

    private static long parseDuration(String key, String value) {
        String[][] units = {{"ns", "1"}, {"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}};
        for (String[] unit : units) {
            if (value.endsWith(unit[0]) && !(unit[0].equals("s") && (value.endsWith("ns") || value.endsWith("us") || value.endsWith("ms")))) {
                BigDecimal number = number(key, value.substring(0, value.length() - unit[0].length()), value,
                        "a duration such as 15ms (units: ns, us, ms, s)");
                return whole(key, value, number.multiply(new BigDecimal(unit[1])));
            }
        }
        throw new IllegalArgumentException(key + ": expected a duration such as 15ms (units: ns, us, ms, s), got \"" + value + "\"");
    }

    /** Returns {packets, bytes}. */
    private static long[] parseQueue(String value) {
        String[][] units = {{"kib", "1024"}, {"mib", "1048576"}, {"kb", "1000"}, {"mb", "1000000"}, {"b", "1"}};
        String allowed = "a packet count such as 25, or a byte size such as 64kib (units: b, kb, kib, mb, mib)";
        for (String[] unit : units) {
            if (value.endsWith(unit[0])) {
                BigDecimal number = number("queue", value.substring(0, value.length() - unit[0].length()), value, allowed);
                long bytes = whole("queue", value, number.multiply(new BigDecimal(unit[1])));
                if (bytes <= 0) {
                    throw new IllegalArgumentException("queue: a byte limit must be above 0, got \"" + value + "\"");
                }
                return new long[] {0, bytes};
            }
        }
        try {
            int packets = Integer.parseInt(value);
            if (packets < 0) {
                throw new NumberFormatException();
            }
            return new long[] {packets, 0};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("queue: expected " + allowed + ", got \"" + value + "\"");
        }
    }

    private static double parsePercent(String key, String value) {
        if (!value.endsWith("%")) {
            throw new IllegalArgumentException(key + ": expected a percentage from 0% to 100% such as 2%, got \"" + value + "\"");
        }
        BigDecimal number = number(key, value.substring(0, value.length() - 1), value, "a percentage from 0% to 100% such as 2%");
        double percent = number.doubleValue();
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException(key + ": expected a percentage from 0% to 100%, got \"" + value + "\"");
        }
        return percent;
    }

    private static double parseBurst(String value) {
        BigDecimal number = number("burst", value, value, "a mean loss burst length in packets, >= 1, such as 3");
        double burst = number.doubleValue();
        if (burst < 1) {
            throw new IllegalArgumentException("burst: the mean loss burst length in packets must be >= 1, got \"" + value + "\"");
        }
        return burst;
    }

    /** Digits before the point beyond which no value of any key makes sense (10^12 s is 31,000 years). */
    private static final int MAX_INTEGER_DIGITS = 30;

    private static BigDecimal number(String key, String digits, String value, String allowed) {
        BigDecimal n;
        try {
            n = new BigDecimal(digits.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected " + allowed + ", got \"" + value + "\"");
        }
        if (n.signum() < 0) {
            throw new IllegalArgumentException(key + ": expected " + allowed + ", got \"" + value + "\"");
        }
        // An exponent such as 1e999999999 is cheap to write and costly to expand: bound the
        // magnitude before any arithmetic, and read what lies far below a nanosecond (or a bit) as 0.
        int magnitude = n.precision() - n.scale();
        if (magnitude > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException(key + ": \"" + value + "\" is far too large; expected " + allowed);
        }
        return magnitude < -MAX_INTEGER_DIGITS ? BigDecimal.ZERO : n;
    }

    /** The value rounded to a whole number that fits a long, else a refusal that names the key. */
    private static long whole(String key, String value, BigDecimal number) {
        try {
            return number.setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(key + ": \"" + value + "\" is too large (at most "
                    + Long.MAX_VALUE + " in the key's smallest unit)");
        }
    }

    private static String formatRate(long bits) {
        if (bits % 1_000_000_000L == 0) return bits / 1_000_000_000L + "gbit";
        if (bits % 1_000_000L == 0) return bits / 1_000_000L + "mbit";
        if (bits % 1_000L == 0) return bits / 1_000L + "kbit";
        return bits + "bit";
    }

    static String formatDuration(long nanos) {
        if (nanos == 0) return "0s";
        if (nanos % 1_000_000_000L == 0) return nanos / 1_000_000_000L + "s";
        if (nanos % 1_000_000L == 0) return nanos / 1_000_000L + "ms";
        if (nanos % 1_000L == 0) return nanos / 1_000L + "us";
        return nanos + "ns";
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static void requireNonNegative(String key, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(key + ": must not be negative, got " + value);
        }
    }

    private static void requirePercent(String key, double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException(key + ": expected a percentage from 0% to 100%, got " + percent);
        }
    }
}
