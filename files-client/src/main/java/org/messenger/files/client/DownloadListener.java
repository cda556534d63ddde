package org.messenger.files.client;

/**
 * What a download tells its user interface. Calls come from the client's threads; implementations
 * hand them to their own (the CLI redraws its progress line).
 */
public interface DownloadListener {
    DownloadListener NONE = new DownloadListener() { };

    /** One line worth showing: resuming, waiting for a port, starting over and why. */
    default void onNotice(String text) {
    }

    /**
     * @param doneBytes    bytes of the file on disk now (resumed ones included)
     * @param totalBytes   the file's size
     * @param resumedBytes bytes that were already on disk when this download started
     */
    default void onProgress(long doneBytes, long totalBytes, long resumedBytes) {
    }
}
