package io.rancherdesktop.rdd.instance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code <dir>/args.json}: the saved arguments of {@code rdd svc serve}, a compact JSON array of strings
 * (docs/design/upstream-cli.md §7). Its presence means the instance has been created.
 */
public final class ArgsFile {
    private ArgsFile() {
    }

    /** The saved arguments, or empty when the file does not exist. A malformed file is an error naming it. */
    public static Optional<List<String>> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the arguments atomically (temp file + rename), so a crash never leaves half a file. */
    public static void write(Path file, List<String> args) {
        try {
            PrivateFiles.ensurePrivateDir(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, format(args), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    /** Compact JSON, as Go's {@code json.Marshal} writes a {@code []string}. */
    static String format(List<String> args) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"');
            String s = args.get(i);
            for (int j = 0; j < s.length(); j++) {
                char c = s.charAt(j);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    case '\r' -> sb.append("\\r");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
        return sb.append(']').toString();
    }

    static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        int i = skipWs(text, 0);
        if (i >= text.length() || text.charAt(i) != '[') {
            throw new IllegalArgumentException("expected a JSON array of strings");
        }
        i = skipWs(text, i + 1);
        if (i < text.length() && text.charAt(i) == ']') {
            return expectEnd(text, i + 1, out);
        }
        while (true) {
            if (i >= text.length() || text.charAt(i) != '"') {
                throw new IllegalArgumentException("expected a string at offset " + i);
            }
            StringBuilder sb = new StringBuilder();
            i++;
            while (true) {
                if (i >= text.length()) {
                    throw new IllegalArgumentException("unterminated string");
                }
                char c = text.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("unterminated escape");
                    }
                    char e = text.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            if (i + 4 > text.length()) {
                                throw new IllegalArgumentException("short unicode escape");
                            }
                            sb.append((char) Integer.parseInt(text, i, i + 4, 16));
                            i += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            out.add(sb.toString());
            i = skipWs(text, i);
            if (i < text.length() && text.charAt(i) == ',') {
                i = skipWs(text, i + 1);
            } else if (i < text.length() && text.charAt(i) == ']') {
                return expectEnd(text, i + 1, out);
            } else {
                throw new IllegalArgumentException("expected ',' or ']' at offset " + i);
            }
        }
    }

    private static List<String> expectEnd(String text, int i, List<String> out) {
        if (skipWs(text, i) != text.length()) {
            throw new IllegalArgumentException("unexpected data after the array");
        }
        return List.copyOf(out);
    }

    private static int skipWs(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
