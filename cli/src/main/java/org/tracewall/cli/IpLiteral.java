package org.tracewall.cli;

import java.net.InetAddress;

import org.tracewall.core.net.IpAddresses;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An {@code --ip} value: an IPv4 or IPv6 literal, never a name to resolve (picocli names the option and exits 64). */
final class IpLiteral implements ITypeConverter<InetAddress> {
    @Override
    public InetAddress convert(String value) {
        try {
            return IpAddresses.parseLiteral(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
