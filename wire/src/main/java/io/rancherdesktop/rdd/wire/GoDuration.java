package io.rancherdesktop.rdd.wire;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration} ({@code 300ms}, {@code 1.5h}, {@code 2h45m}, {@code 0}), which rdd's flags accept. */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");

    private GoDuration() {
    }

    /** Parses a duration; errors read like Go's ({@code time: invalid duration "x"}). */
    public static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("time: invalid duration " + quote(text));
        }
        Matcher m = PART.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        int pos = 0;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos) {
                boolean digitsOnly = s.substring(pos).matches("[0-9.]+");
                throw new IllegalArgumentException((digitsOnly ? "time: missing unit in duration " : "time: invalid duration ") + quote(text));
            }
            String num = m.group(1);
            if (num.isEmpty() || num.equals(".")) {
                throw new IllegalArgumentException("time: invalid duration " + quote(text));
            }
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = nanos.add(new BigDecimal(num.endsWith(".") ? num + "0" : num.startsWith(".") ? "0" + num : num)
                    .multiply(BigDecimal.valueOf(unit)));
            pos = m.end();
        }
        Duration d = Duration.ofNanos(nanos.longValue());
        return negative ? d.negated() : d;
    }

    /** Go's {@code Duration.String()}: {@code 1m30s}, {@code 500ms}, {@code 0s}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        long n = d.toNanos();
        if (n < 1_000_000_000L) {
            if (n % 1_000_000 == 0) {
                return n / 1_000_000 + "ms";
            }
            if (n % 1_000 == 0) {
                return n / 1_000 + "µs";
            }
            return n + "ns";
        }
        StringBuilder sb = new StringBuilder();
        long h = d.toHours();
        if (h > 0) {
            sb.append(h).append('h');
        }
        long m = d.toMinutesPart();
        if (h > 0 || m > 0) {
            sb.append(m).append('m');
        }
        BigDecimal secs = BigDecimal.valueOf(d.toSecondsPart()).add(BigDecimal.valueOf(d.toNanosPart(), 9)).stripTrailingZeros();
        sb.append(secs.toPlainString()).append('s');
        return sb.toString();
    }

    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
