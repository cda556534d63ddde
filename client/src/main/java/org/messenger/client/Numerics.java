package org.messenger.client;

/** The IRC numerics the client reacts to, with their RFC 2812 §5 / modern.ircdocs.horse names. */
final class Numerics {
    private Numerics() {}

    static final String RPL_WELCOME = "001";
    static final String RPL_ISUPPORT = "005";
    static final String RPL_NAMREPLY = "353";
    static final String RPL_MOTD = "372";
    static final String RPL_MOTDSTART = "375";
    static final String RPL_ENDOFMOTD = "376";
    static final String RPL_ENDOFNAMES = "366";
    static final String ERR_NOSUCHNICK = "401";
    static final String ERR_NOSUCHCHANNEL = "403";
    static final String ERR_CANNOTSENDTOCHAN = "404";
    static final String ERR_NORECIPIENT = "411";
    static final String ERR_NOTEXTTOSEND = "412";
    static final String ERR_UNKNOWNCOMMAND = "421";
    static final String ERR_NONICKNAMEGIVEN = "431";
    static final String ERR_ERRONEUSNICKNAME = "432";
    static final String ERR_NICKNAMEINUSE = "433";
    static final String ERR_NICKCOLLISION = "436";
    static final String ERR_NOTONCHANNEL = "442";

    /** 400-599 are error replies (RFC 2812 §5.2). */
    static boolean isError(String command) {
        return command.length() == 3 && (command.charAt(0) == '4' || command.charAt(0) == '5')
                && Character.isDigit(command.charAt(1)) && Character.isDigit(command.charAt(2));
    }
}
