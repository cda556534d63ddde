package org.messenger.gui.files;

/** A file the server shares. */
public record RemoteFile(String name, long sizeBytes) {}
