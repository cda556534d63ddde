package org.messenger.cli.chat;

/**
 * Where the chat's live download progress goes: one line per running download, redrawn in place
 * below the chat and above nothing the user types. Called from download threads.
 */
public interface ProgressLines {
    /** A screen that cannot redraw in place: progress is printed above the prompt at each quarter. */
    ProgressLines NONE = new ProgressLines() {
        @Override
        public boolean live() {
            return false;
        }

        @Override
        public void update(long key, String line) {
        }

        @Override
        public void remove(long key) {
        }
    };

    /** True when {@link #update} redraws a line in place. */
    boolean live();

    /** Shows {@code line} as the live line of download {@code key}, replacing its previous one. */
    void update(long key, String line);

    /** Takes download {@code key}'s line away (it ended). */
    void remove(long key);
}
