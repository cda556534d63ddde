package org.messenger.chat;

/**
 * A message meant to be read (IRC PRIVMSG), an automatic one that must never be answered (IRC
 * NOTICE, RFC 2812 §3.3.2), or only tags such as a typing indicator (IRCv3 TAGMSG), which is
 * delivered but not kept in history.
 */
public enum MessageKind {
    MESSAGE,
    NOTICE,
    TAGS_ONLY
}
