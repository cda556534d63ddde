package org.messenger.chat;

/** A message meant to be read (IRC PRIVMSG) or an automatic one that must never be answered (IRC NOTICE, RFC 2812 §3.3.2). */
public enum MessageKind {
    MESSAGE,
    NOTICE
}
