package org.tracewall.core.spf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.tracewall.testing.dns.DnsZone;
import org.tracewall.testing.dns.Fault;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.yaml.snakeyaml.Yaml;

/** The RFC 7208 suite's scenarios (src/test/resources/spf) and how their zone data is served. */
public final class SpfSuite {
    private SpfSuite() {
    }

    /** The acceptable result codes of a case ("result" is a word or a list of words). */
    @SuppressWarnings("unchecked")
    public static List<String> expectedResults(Map<String, Object> spec) {
        return spec.get("result") instanceof List
            ? ((List<Object>) spec.get("result")).stream().map(String::valueOf).collect(Collectors.toList())
            : List.of(String.valueOf(spec.get("result")));
    }

    @SuppressWarnings("unchecked")
    public static void loadZone(DnsZone zone, Map<String, List<Object>> zonedata) throws TextParseException {
        zone.clear();
        for (Map.Entry<String, List<Object>> entry : zonedata.entrySet()) {
            Name owner = Name.fromString(entry.getKey(), Name.root);
            boolean hasTxt = entry.getValue().stream().anyMatch(r -> r instanceof Map && ((Map<String, Object>) r).containsKey("TXT"));
            for (Object item : entry.getValue()) {
                if ("TIMEOUT".equals(item)) {
                    zone.fault(entry.getKey(), Fault.TIMEOUT_WITHOUT_DATA);
                    continue;
                }
                for (Map.Entry<String, Object> r : ((Map<String, Object>) item).entrySet()) {
                    addRecord(zone, owner, r.getKey(), r.getValue(), hasTxt);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void addRecord(DnsZone zone, Name owner, String type, Object value, boolean hasTxt) throws TextParseException {
        if ("NONE".equals(value)) {
            return;
        }
        long ttl = 300;
        switch (type) {
            case "SPF":
            case "TXT":
                List<String> strings = value instanceof List
                    ? ((List<Object>) value).stream().map(String::valueOf).collect(Collectors.toList())
                    : List.of(String.valueOf(value));
                List<String> wire = strings.stream().map(SpfSuite::asWireText).collect(Collectors.toList());
                if ("SPF".equals(type)) {
                    zone.add(new SPFRecord(owner, DClass.IN, ttl, wire));
                }
                if ("TXT".equals(type) || !hasTxt) {
                    zone.add(new TXTRecord(owner, DClass.IN, ttl, wire));
                }
                break;
            case "A":
                zone.add(new ARecord(owner, DClass.IN, ttl, literal(value)));
                break;
            case "AAAA":
                zone.add(new AAAARecord(owner, DClass.IN, ttl, literal(value)));
                break;
            case "MX":
                List<Object> mx = (List<Object>) value;
                zone.add(new MXRecord(owner, DClass.IN, ttl, ((Number) mx.get(0)).intValue(), name(mx.get(1))));
                break;
            case "PTR":
                zone.add(new PTRRecord(owner, DClass.IN, ttl, name(value)));
                break;
            case "CNAME":
                zone.add(new CNAMERecord(owner, DClass.IN, ttl, name(value)));
                break;
            default:
                throw new IllegalArgumentException("record type " + type + " not supported by the driver");
        }
    }

    /** TXT strings travel as bytes: the suite's text as UTF-8, in dnsjava's zone-file escapes. */
    private static String asWireText(String text) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int unsigned = b & 0xff;
            if (unsigned < 0x20 || unsigned > 0x7e || unsigned == '\\' || unsigned == '"') {
                escaped.append(String.format("\\%03d", unsigned));
            } else {
                escaped.append((char) unsigned);
            }
        }
        return escaped.toString();
    }

    /** A name; the empty string is the root (the suite's null MX). */
    private static Name name(Object value) throws TextParseException {
        String text = String.valueOf(value);
        return text.isEmpty() ? Name.root : Name.fromString(text, Name.root);
    }

    private static InetAddress literal(Object value) {
        try {
            return InetAddress.getByName(String.valueOf(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> scenarios() {
        try (InputStream in = SpfSuite.class.getResourceAsStream("/spf/rfc7208-tests.yml")) {
            List<Map<String, Object>> scenarios = new ArrayList<>();
            for (Object doc : new Yaml().loadAll(in)) {
                scenarios.add((Map<String, Object>) doc);
            }
            return scenarios;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
