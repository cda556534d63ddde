package org.messenger.chat;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A channel's members at one moment, in order of joining, as the first {@code size} entries of
 * an array the hub only ever appends to (or replaces): a snapshot costs nothing to take and never
 * changes. A JOIN to the lobby takes one for its NAMES reply; copying 10,000 members for each of
 * 10,000 JOINs was a sixth of a registration storm's time.
 *
 * <p>The hub starts a new array whenever what a member list shows changes other than by a JOIN
 * (a member leaves, changes nick or host, gets or loses a status), and when the array is full,
 * so {@link #continues} tells a protocol adapter when what it made of an earlier snapshot still
 * holds (it may say no when a full array was replaced: that only costs a new start).
 */
public final class MemberSnapshot extends AbstractList<ChatUser> implements RandomAccess {
    private final ChatUser[] members;
    private final int size;

    MemberSnapshot(ChatUser[] members, int size) {
        Objects.checkFromToIndex(0, size, members.length);
        this.members = members;
        this.size = size;
    }

    /**
     * True when this snapshot is {@code earlier} with members appended only: its first
     * {@code earlier.size()} members are the same, with the same nicks, hosts and statuses.
     */
    public boolean continues(MemberSnapshot earlier) {
        return earlier.members == members && earlier.size <= size;
    }

    @Override
    public ChatUser get(int index) {
        return members[Objects.checkIndex(index, size)];
    }

    @Override
    public int size() {
        return size;
    }
}
