package org.messenger.transport;

import java.util.Arrays;

/**
 * A map from {@code long} keys to values, open addressing with linear probing, for the
 * endpoint's per-datagram lookup of a transfer by id: a {@code HashMap<Long, ...>} boxed a
 * {@code Long} per packet once two transfers shared a socket (issue 14, item 10). Removal shifts
 * later entries back (no tombstones), so lookups stay short however many transfers come and go.
 * Not thread-safe: the endpoint's thread only.
 */
final class LongMap<V> {
    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    LongMap() {
        keys = new long[16];
        values = new Object[16];
        mask = 15;
    }

    int size() {
        return size;
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L; // Fibonacci hashing: transfer ids are random, but tests use small ones
        return (int) (h ^ (h >>> 32));
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) return null;
            if (keys[i] == key) return (V) v;
        }
    }

    /** Adds the mapping unless the key is present; returns the value already there, or null. */
    V putIfAbsent(long key, V value) {
        if (value == null) throw new IllegalArgumentException("null value");
        V existing = get(key);
        if (existing != null) return existing;
        if ((size + 1) * 2 > keys.length) grow();
        insert(key, value);
        size++;
        return null;
    }

    private void insert(long key, Object value) {
        int i = hash(key) & mask;
        while (values[i] != null) i = (i + 1) & mask;
        keys[i] = key;
        values[i] = value;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) insert(oldKeys[i], oldValues[i]);
        }
    }

    /** Removes the key if it maps to {@code value}; returns whether it did. */
    boolean remove(long key, V value) {
        int i = hash(key) & mask;
        while (values[i] != null) {
            if (keys[i] == key) {
                if (values[i] != value) return false;
                deleteAt(i);
                size--;
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    /** Backward-shift deletion (Knuth 6.4, algorithm R): moves later entries of the run into the hole. */
    private void deleteAt(int hole) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (values[i] == null) break;
            int home = hash(keys[i]) & mask;
            // The entry at i may move into the hole if its home is not cyclically within (hole, i].
            boolean stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
            if (!stays) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                hole = i;
            }
        }
        keys[hole] = 0;
        values[hole] = null;
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }
}
