package org.messenger.chat;

import java.time.Instant;

/**
 * A registered user as the hub keeps it. Fields the hub changes are volatile so that a protocol
 * adapter may read them from its own thread; only {@link ChatHub} changes them, under its lock.
 */
public final class ChatUser {
    private final long id;
    private volatile String username;
    private volatile String realname;
    private volatile String host;
    private final Instant signedOnAt;
    private final Session session;
    private volatile String nick;
    /** When the user took its current nick (under the casemapping): private history before that was someone else's. */
    private volatile Instant nickSince;
    private volatile String awayMessage;
    private volatile Instant lastSpokeAt;
    private volatile String account;
    private volatile boolean serverOperator;
    private volatile boolean invisible;
    private volatile boolean receivesWallops;

    ChatUser(long id, String nick, String username, String realname, String host, Instant signedOnAt, Session session) {
        this.id = id;
        this.nick = nick;
        this.username = username;
        this.realname = realname;
        this.host = host;
        this.signedOnAt = signedOnAt;
        this.session = session;
        this.lastSpokeAt = signedOnAt;
        this.nickSince = signedOnAt;
    }

    /** Unique for the life of the hub; never reused, unlike nicks. */
    public long id() {
        return id;
    }

    public String nick() {
        return nick;
    }

    public String username() {
        return username;
    }

    public String realname() {
        return realname;
    }

    public String host() {
        return host;
    }

    public Instant signedOnAt() {
        return signedOnAt;
    }

    /**
     * When the user took its current nick: sign-on, or the last rename to another nick (a change
     * of case only does not count). Whoever held the nick before was someone else, so a user who
     * has not proved it owns the nick (an account) reads private history from this time on only.
     */
    public Instant nickSince() {
        return nickSince;
    }

    /** The away message, or null when the user is here. */
    public String awayMessage() {
        return awayMessage;
    }

    /** When the user last sent a message or notice (sign-on time until then), for WHOIS idle time. */
    public Instant lastSpokeAt() {
        return lastSpokeAt;
    }

    /** The account the user is logged in to, or null. */
    public String account() {
        return account;
    }

    /** A server operator (IRC OPER, user mode +o): may KILL, send WALLOPS and moderate permanent channels. */
    public boolean isServerOperator() {
        return serverOperator;
    }

    /** Hidden from WHO and NAMES of users who share no channel with it (user mode +i). */
    public boolean isInvisible() {
        return invisible;
    }

    /** Gets server operators' broadcasts (user mode +w). */
    public boolean receivesWallops() {
        return receivesWallops;
    }

    public UserRef ref() {
        return new UserRef(nick, username, host, account, realname);
    }

    Session session() {
        return session;
    }

    void nick(String newNick, Instant since) {
        this.nick = newNick;
        this.nickSince = since;
    }

    void realname(String newRealname) {
        this.realname = newRealname;
    }

    void userHost(String newUsername, String newHost) {
        this.username = newUsername;
        this.host = newHost;
    }

    void spoke(Instant at) {
        this.lastSpokeAt = at;
    }

    void account(String name) {
        this.account = name;
    }

    void awayMessage(String message) {
        this.awayMessage = message;
    }

    void serverOperator(boolean value) {
        this.serverOperator = value;
    }

    void invisible(boolean value) {
        this.invisible = value;
    }

    void receivesWallops(boolean value) {
        this.receivesWallops = value;
    }

    @Override
    public String toString() {
        return nick + "#" + id;
    }
}
