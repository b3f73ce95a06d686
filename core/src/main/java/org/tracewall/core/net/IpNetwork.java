package org.tracewall.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 or IPv6 network (address and prefix length), immutable. {@code contains} never
 * matches across families, except that IPv4-mapped IPv6 addresses are treated as IPv4.
 */
public final class IpNetwork {
    private final byte[] base;
    private final int prefix;

    private IpNetwork(byte[] base, int prefix) {
        this.base = mask(base, prefix);
        this.prefix = prefix;
    }

    /** The network of {@code prefix} bits around {@code address}. */
    public static IpNetwork of(InetAddress address, int prefix) {
        byte[] bytes = normalize(address).getAddress();
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("prefix /" + prefix + " out of range for " + address.getHostAddress());
        }
        return new IpNetwork(bytes, prefix);
    }

    /**
     * A network from raw address bytes (4 or 16), without mapping IPv4-mapped IPv6 to IPv4:
     * an {@code ip6:::ffff:1.2.3.4} mechanism is an IPv6 network that no IPv4 client matches.
     */
    public static IpNetwork ofBytes(byte[] address, int prefix) {
        if ((address.length != 4 && address.length != 16) || prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("bad network: " + address.length + " bytes /" + prefix);
        }
        return new IpNetwork(address.clone(), prefix);
    }

    /**
     * Parses "192.0.2.0/24", "2001:db8::/32" or a bare address (a host network).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static IpNetwork parse(String text) {
        String value = text.trim();
        int slash = value.indexOf('/');
        String addressPart = slash < 0 ? value : value.substring(0, slash);
        InetAddress address = IpAddresses.parseLiteral(addressPart);
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String prefixText = value.substring(slash + 1);
            if (!prefixText.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            }
            prefix = Integer.parseInt(prefixText);
        }
        if (prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " too long in '" + text + "'");
        }
        return of(address, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = normalize(address).getAddress();
        return candidate.length == base.length && Arrays.equals(mask(candidate, prefix), base);
    }

    public int prefix() {
        return prefix;
    }

    public boolean isIpv6() {
        return base.length == 16;
    }

    /** IPv4-mapped IPv6 (::ffff:a.b.c.d) becomes the IPv4 address it carries. */
    public static InetAddress normalize(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }

    public static boolean isIpv4(InetAddress address) {
        return normalize(address) instanceof Inet4Address;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] = (byte) (masked[i] & (0xff << (8 - keep)));
        }
        return masked;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpNetwork && ((IpNetwork) o).prefix == prefix && Arrays.equals(((IpNetwork) o).base, base);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(base), prefix);
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(base).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
