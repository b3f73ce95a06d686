package org.tracewall.core.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IP literal parsing that never touches DNS, and the textual forms SPF macros need. */
public final class IpAddresses {
    private static final Pattern IPV4 = Pattern.compile(
        "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAddresses() {
    }

    /** True for a dotted-quad IPv4 literal (no leading zeros, each part 0..255). */
    public static boolean isIpv4Literal(String text) {
        return IPV4.matcher(text).matches();
    }

    /**
     * Parses an IPv4 or IPv6 literal.
     *
     * @throws IllegalArgumentException if the text is not an IP literal (host names are refused, never resolved)
     */
    public static InetAddress parseLiteral(String text) {
        String value = text.trim();
        if (isIpv4Literal(value) || (value.contains(":") && IPV6_CHARS.matcher(value).matches())) {
            try {
                return InetAddress.getByName(value);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: '" + text + "'", e);
            }
        }
        throw new IllegalArgumentException("not an IP address: '" + text + "'");
    }

    /**
     * The 16 bytes of an IPv6 literal, keeping IPv4-mapped forms as IPv6 (the JDK turns
     * "::ffff:1.2.3.4" into an IPv4 address).
     */
    public static byte[] ipv6Bytes(String text) {
        if (!text.contains(":")) {
            throw new IllegalArgumentException("not an IPv6 address: '" + text + "'");
        }
        byte[] bytes = parseLiteral(text).getAddress();
        if (bytes.length == 16) {
            return bytes;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        return mapped;
    }

    /** Dotted IPv4, or IPv6 as 32 dot-separated nibbles (the SPF %{i} form). */
    public static String spfDotted(InetAddress address) {
        InetAddress a = IpNetwork.normalize(address);
        if (!(a instanceof Inet6Address)) {
            return a.getHostAddress();
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : a.getAddress()) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append('.').append(Character.forDigit(b & 0xf, 16)).append('.');
        }
        return sb.substring(0, sb.length() - 1);
    }

    /** The address as people write it (IPv6 compressed). */
    public static String readable(InetAddress address) {
        InetAddress a = IpNetwork.normalize(address);
        if (!(a instanceof Inet6Address)) {
            return a.getHostAddress();
        }
        return compressIpv6(a.getAddress());
    }

    private static String compressIpv6(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength && j - i > 1) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            sb.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
