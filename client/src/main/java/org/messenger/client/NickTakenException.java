package org.messenger.client;

/** The server answered ERR_NICKNAMEINUSE (433) or ERR_NICKCOLLISION (436) for {@link #nick()}. */
public final class NickTakenException extends ChatClientException {
    private final String nick;

    public NickTakenException(String nick) {
        super(Problem.NICK_TAKEN, "nick " + nick + " is taken");
        this.nick = nick;
    }

    public String nick() {
        return nick;
    }
}
