package org.messenger.irc.codec;

/**
 * Every numeric reply the server sends and the clients read, under its RFC 2812 §5 name (or the
 * modern.ircdocs.horse name for later ones), with the usual text for replies whose last parameter
 * is fixed prose. The one list of numerics: server, client library and GUI all use it.
 */
public enum Numeric {
    // Registration, RFC 2812 §5.1 and https://modern.ircdocs.horse/#rplisupport-005
    RPL_WELCOME("001", null),
    RPL_YOURHOST("002", null),
    RPL_CREATED("003", null),
    RPL_MYINFO("004", null),
    RPL_ISUPPORT("005", "are supported by this server"),

    // Queries
    RPL_UMODEIS("221", null),
    RPL_LUSERCLIENT("251", null),
    RPL_LUSERCHANNELS("254", "channels formed"),
    RPL_LUSERME("255", null),
    RPL_AWAY("301", null),
    RPL_USERHOST("302", null),
    RPL_ISON("303", null),
    RPL_UNAWAY("305", "You are no longer marked as being away"),
    RPL_NOWAWAY("306", "You have been marked as being away"),
    RPL_WHOISUSER("311", null),
    RPL_WHOISSERVER("312", null),
    RPL_WHOISOPERATOR("313", "is an IRC operator"),
    RPL_ENDOFWHO("315", "End of WHO list"),
    RPL_WHOISIDLE("317", "seconds idle, signon time"),
    RPL_ENDOFWHOIS("318", "End of /WHOIS list"),
    RPL_WHOISCHANNELS("319", null),
    RPL_LISTSTART("321", null),
    RPL_LIST("322", null),
    RPL_LISTEND("323", "End of /LIST"),
    RPL_CHANNELMODEIS("324", null),
    RPL_WHOISACCOUNT("330", "is logged in as"),
    RPL_CREATIONTIME("329", null),
    RPL_NOTOPIC("331", "No topic is set"),
    RPL_TOPIC("332", null),
    RPL_TOPICWHOTIME("333", null),
    RPL_INVITING("341", null),
    RPL_VERSION("351", null),
    RPL_WHOREPLY("352", null),
    RPL_NAMREPLY("353", null),
    RPL_WHOSPCRPL("354", null),
    RPL_ENDOFNAMES("366", "End of /NAMES list"),
    RPL_BANLIST("367", null),
    RPL_ENDOFBANLIST("368", "End of channel ban list"),
    RPL_ENDOFWHOWAS("369", "End of WHOWAS"),
    RPL_ENDOFEXCEPTLIST("349", "End of channel exception list"),
    RPL_ENDOFINVITELIST("347", "End of channel invite list"),
    RPL_MOTD("372", null),
    RPL_MOTDSTART("375", null),
    RPL_ENDOFMOTD("376", "End of /MOTD command"),
    RPL_YOUREOPER("381", "You are now an IRC operator"),
    /** Your own host changed (CHGHOST by an operator), for a client without the chghost capability; InspIRCd and Ergo send it. */
    RPL_VISIBLEHOST("396", "is now your displayed host"),
    RPL_WHOISSECURE("671", "is using a secure connection"),

    // Files: our own block, 780-798 (docs/files.md has the table; files-core FileReply gives each
    // its parameters). Their last parameter is always written for the reader, so no fixed text.
    RPL_FILE("780", null),
    RPL_ENDOFFILES("781", null),
    RPL_GETQUEUED("782", null),
    RPL_GETREADY("783", null),
    RPL_PAUSED("784", null),
    RPL_RESUMED("785", null),
    RPL_CANCELLED("786", null),
    RPL_DOWNLOAD("787", null),
    RPL_ENDOFDOWNLOADS("788", null),
    RPL_DOWNLOADDONE("789", null),
    RPL_DOWNLOADFAILED("790", null),
    ERR_NOSUCHFILE("791", null),
    ERR_FILEREFUSED("792", null),
    ERR_NOSUCHDOWNLOAD("793", null),
    ERR_BADRANGES("794", null),
    ERR_NOFREEPORT("795", null),
    ERR_DOWNLOADSTATE("796", null),
    ERR_FILESUNAVAILABLE("797", null),
    ERR_TOOMANYDOWNLOADS("798", null),

    // Errors, RFC 2812 §5.2
    ERR_UNKNOWNERROR("400", "Internal error, the command was not carried out"),
    ERR_NOSUCHNICK("401", "No such nick/channel"),
    ERR_NOSUCHCHANNEL("403", "No such channel"),
    ERR_CANNOTSENDTOCHAN("404", "Cannot send to channel (you must join it first)"),
    ERR_TOOMANYCHANNELS("405", "You have joined too many channels"),
    ERR_WASNOSUCHNICK("406", "There was no such nickname"),
    ERR_TOOMANYTARGETS("407", "Too many targets"),
    ERR_INVALIDCAPCMD("410", "Invalid CAP command"),
    ERR_NORECIPIENT("411", null),
    ERR_NOTEXTTOSEND("412", "No text to send"),
    ERR_INPUTTOOLONG("417", "Input line was too long (max 512 bytes, 8191 for tags)"),
    ERR_UNKNOWNCOMMAND("421", "Unknown command"),
    ERR_NOMOTD("422", "MOTD File is missing"),
    ERR_NONICKNAMEGIVEN("431", "No nickname given"),
    // The NICK handlers send this with the server's real length limit (RegistrationCommands.refuseNick).
    ERR_ERRONEUSNICKNAME("432", "Erroneous nickname"),
    ERR_NICKNAMEINUSE("433", "Nickname is already in use"),
    ERR_NICKCOLLISION("436", "Nickname collision"),
    ERR_USERNOTINCHANNEL("441", "They aren't on that channel"),
    ERR_NOTONCHANNEL("442", "You're not on that channel"),
    ERR_USERONCHANNEL("443", "is already on channel"),
    ERR_NOTREGISTERED("451", "You have not registered"),
    ERR_NEEDMOREPARAMS("461", "Not enough parameters"),
    ERR_ALREADYREGISTRED("462", "Unauthorized command (already registered)"),
    ERR_PASSWDMISMATCH("464", "Password incorrect"),
    ERR_KEYSET("467", "Channel key already set (unset it with -k first)"),
    ERR_CHANNELISFULL("471", "Cannot join channel (+l): it is full"),
    ERR_UNKNOWNMODE("472", "is unknown mode char to me"),
    ERR_INVITEONLYCHAN("473", "Cannot join channel (+i): ask an operator for an INVITE"),
    ERR_BANNEDFROMCHAN("474", "Cannot join channel (+b): you are banned"),
    ERR_BADCHANNELKEY("475", "Cannot join channel (+k): wrong or missing key"),
    ERR_BADCHANMASK("476", "Invalid channel name: it must start with '#' and have no space, comma or colon"),
    /** Channel mode +R (registered only), as InspIRCd and Ergo name it: only users logged in to an account may join. */
    ERR_NEEDREGGEDNICK("477", "Cannot join channel (+R): log in to an account first (SASL, or REGISTER to make one)"),
    ERR_BANLISTFULL("478", "Channel ban list is full"),
    ERR_NOPRIVILEGES("481", "Permission Denied- You're not an IRC operator"),
    ERR_CHANOPRIVSNEEDED("482", "You're not channel operator"),
    ERR_NOOPERHOST("491", "No O-lines for your host: no operator of that name"),
    ERR_UMODEUNKNOWNFLAG("501", "Unknown MODE flag"),
    ERR_USERSDONTMATCH("502", "Cannot change mode for other users"),
    ERR_INVALIDMODEPARAM("696", null),

    // SASL, https://ircv3.net/specs/extensions/sasl-3.1 and modern.ircdocs.horse
    RPL_LOGGEDIN("900", null),
    RPL_SASLSUCCESS("903", "SASL authentication successful"),
    ERR_SASLFAIL("904", "SASL authentication failed"),
    ERR_SASLTOOLONG("905", "SASL message too long"),
    ERR_SASLABORTED("906", "SASL authentication aborted"),
    ERR_SASLALREADY("907", "You have already authenticated using SASL"),
    RPL_SASLMECHS("908", "are available SASL mechanisms");

    private final String code;
    private final String text;

    Numeric(String code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The three digits sent on the wire. */
    public String code() {
        return code;
    }

    /** The usual closing text, or null for replies whose last parameter is data. */
    public String text() {
        return text;
    }

    /** The numeric with these three digits, or null when this list does not name it. */
    public static Numeric fromCode(String code) {
        if (code == null || code.length() != 3) {
            return null;
        }
        int value = 0;
        for (int i = 0; i < 3; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        return BY_CODE[value];
    }

    /** True for 400-599, the error replies (RFC 2812 §5.2), whether or not this list names them. */
    public static boolean isError(String command) {
        return command.length() == 3 && (command.charAt(0) == '4' || command.charAt(0) == '5')
                && Character.isDigit(command.charAt(1)) && Character.isDigit(command.charAt(2));
    }

    private static final Numeric[] BY_CODE = new Numeric[1000];

    static {
        for (Numeric n : values()) {
            BY_CODE[Integer.parseInt(n.code)] = n;
        }
    }
}
