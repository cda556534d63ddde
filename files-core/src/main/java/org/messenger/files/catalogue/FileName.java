package org.messenger.files.catalogue;

import java.util.List;
import java.util.regex.Pattern;
import org.messenger.files.catalogue.FileRefusedException.Reason;

/**
 * A requested file name that passed the textual checks: relative, {@code /}-separated, no
 * {@code .} or {@code ..} segment, no hidden segment, no control character. Passing these checks
 * says nothing yet about the disk; {@link FileCatalogue#resolve} still follows links and refuses
 * what leads out of the shared folder.
 *
 * <p>Checking the text first means a hostile name is refused with a precise reason before any
 * file system call sees it.
 */
public record FileName(String value, List<String> segments) {
    /** Generous for nested folders, far below what a single IRC line could carry anyway. */
    public static final int MAX_LENGTH = 400;

    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*");

    public FileName {
        segments = List.copyOf(segments);
    }

    public static FileName parse(String requested) throws FileRefusedException {
        if (requested == null || requested.isEmpty()) {
            throw new FileRefusedException(Reason.BAD_NAME, "", "No file name given. FILES lists what is shared.");
        }
        String shown = printable(requested);
        if (requested.length() > MAX_LENGTH) {
            throw new FileRefusedException(Reason.BAD_NAME, requested,
                    "File name is too long (" + requested.length() + " characters, at most " + MAX_LENGTH + ").");
        }
        if (hasControlCharacter(requested)) {
            throw new FileRefusedException(Reason.BAD_NAME, requested,
                    "File name '" + shown + "' contains control characters; no shared file has such a name.");
        }
        if (requested.indexOf('\\') >= 0) {
            throw new FileRefusedException(Reason.BAD_NAME, requested,
                    "File name '" + shown + "' contains a backslash; use / between folder names.");
        }
        if (requested.startsWith("/") || WINDOWS_DRIVE.matcher(requested).matches()) {
            throw new FileRefusedException(Reason.OUTSIDE_FOLDER, requested,
                    "'" + shown + "' is an absolute path; give a name inside the shared folder, as FILES lists it.");
        }
        List<String> segments = List.of(requested.split("/", -1));
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw new FileRefusedException(Reason.BAD_NAME, requested,
                        "File name '" + shown + "' has an empty folder name (a doubled or trailing /).");
            }
            if (segment.equals("..") || segment.equals(".")) {
                throw new FileRefusedException(Reason.OUTSIDE_FOLDER, requested,
                        "'" + shown + "' uses '" + segment + "'; only names inside the shared folder can be downloaded.");
            }
            if (segment.startsWith(".")) {
                throw new FileRefusedException(Reason.HIDDEN, requested,
                        "'" + shown + "' is hidden (starts with a dot); hidden files are not shared.");
            }
        }
        return new FileName(requested, segments);
    }

    /** True for C0 controls, DEL and C1 controls: nothing a person types in a file name. */
    public static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return true;
            }
        }
        return false;
    }

    /** The name with control characters shown as {@code \\uXXXX}, safe to echo to a terminal or IRC. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
