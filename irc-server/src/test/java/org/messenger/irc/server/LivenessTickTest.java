package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Liveness checks of all connections land on shared instants, so an event loop wakes once per tick. */
class LivenessTickTest {
    @Property
    void connectionsOpenedAtAnyTimeAreCheckedOnTheSameInstants(@ForAll long nowNanos,
            @ForAll @LongRange(min = 1, max = 60_000_000_000L) long tickNanos) {
        long delay = IrcConnectionHandler.untilNextTick(nowNanos, tickNanos);

        assertThat(delay).isBetween(1L, tickNanos);
        // now + delay is the next multiple of the tick (said without overflowing near Long.MAX_VALUE).
        assertThat(Math.floorMod(nowNanos, tickNanos) + delay).isEqualTo(tickNanos);
    }
}
