package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongMapTest {
    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        LongMap<String> map = new LongMap<>();
        Map<Long, String> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            long key = random.nextInt(500); // small keys collide in their home slots
            if (random.nextBoolean()) {
                String v = "v" + key;
                assertThat(map.putIfAbsent(key, v)).isEqualTo(reference.putIfAbsent(key, v));
            } else {
                String v = reference.get(key);
                assertThat(map.remove(key, v == null ? "absent" : v)).isEqualTo(v != null && reference.remove(key, v));
            }
            assertThat(map.size()).isEqualTo(reference.size());
        }
        for (long key = 0; key < 500; key++) assertThat(map.get(key)).isEqualTo(reference.get(key));
    }

    @Test
    void looksUpWithoutAllocating() {
        LongMap<String> map = new LongMap<>();
        for (long id = 1; id <= 8; id++) map.putIfAbsent(id * 0x1234_5678_9ABCL, "t" + id);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long found = 0;
        for (int i = 0; i < 100_000; i++) found += map.get((i % 8 + 1) * 0x1234_5678_9ABCL).length(); // warm-up
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000_000; i++) found += map.get((i % 8 + 1) * 0x1234_5678_9ABCL).length();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(found).isPositive();
        assertThat(allocated).as("bytes allocated by a million lookups").isLessThan(1_000);
    }
}
