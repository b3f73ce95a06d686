package org.tracewall.james.smtp;

/** Makes text safe for one SMTP reply line: printable ASCII only, bounded length. */
final class SmtpText {
    private static final int MAX = 400;

    private SmtpText() {
    }

    static String safe(String text) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (sb.length() >= MAX) {
                sb.append("...");
                break;
            }
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }
}
