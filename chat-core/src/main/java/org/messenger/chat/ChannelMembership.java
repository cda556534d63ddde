package org.messenger.chat;

/** One channel a user is in, with the user's status there and whether the channel is secret (for WHOIS and WHO). */
public record ChannelMembership(String channel, boolean operator, boolean voiced, boolean secret) {}
