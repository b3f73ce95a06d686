package org.tracewall.testing.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * The data a {@link LoopbackDnsServer} answers from: records by owner name, plus per-name
 * {@link Fault}s. Thread-safe, so a test may change it while the server runs. Fluent
 * methods return {@code this}.
 */
public final class DnsZone {
    private static final long DEFAULT_TTL = 300;

    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Map<Name, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, Fault> typeFaults = new ConcurrentHashMap<>();
    private volatile Fault globalFault = Fault.NONE;

    public DnsZone a(String name, String... addresses) {
        for (String address : addresses) {
            add(new ARecord(name(name), DClass.IN, DEFAULT_TTL, ip(address)));
        }
        return this;
    }

    public DnsZone aaaa(String name, String... addresses) {
        for (String address : addresses) {
            add(new AAAARecord(name(name), DClass.IN, DEFAULT_TTL, ip(address)));
        }
        return this;
    }

    public DnsZone mx(String name, int preference, String exchange) {
        return add(new MXRecord(name(name), DClass.IN, DEFAULT_TTL, preference, name(exchange)));
    }

    /** One TXT record made of one or more character-strings. */
    public DnsZone txt(String name, String... strings) {
        return add(new TXTRecord(name(name), DClass.IN, DEFAULT_TTL, List.of(strings)));
    }

    /** One TXT record of a long text (a DKIM key), cut into the character-strings of at most 255 bytes DNS needs. */
    public DnsZone longTxt(String name, String text) {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 255) {
            strings.add(text.substring(i, Math.min(text.length(), i + 255)));
        }
        return txt(name, strings.toArray(new String[0]));
    }

    /** One record of the obsolete SPF type (99). */
    public DnsZone spf(String name, String... strings) {
        return add(new SPFRecord(name(name), DClass.IN, DEFAULT_TTL, List.of(strings)));
    }

    public DnsZone cname(String name, String target) {
        return add(new CNAMERecord(name(name), DClass.IN, DEFAULT_TTL, name(target)));
    }

    /** A PTR for an address: {@code ptr("192.0.2.1", "mail.example.com")}. */
    public DnsZone ptr(String address, String host) {
        return add(new PTRRecord(ReverseMap.fromAddress(ip(address)), DClass.IN, DEFAULT_TTL, name(host)));
    }

    /** Loads records in RFC 1035 master-file syntax ({@code $ORIGIN}, {@code $TTL} work). */
    public DnsZone load(String masterFile, String origin) {
        try (Master master = new Master(new ByteArrayInputStream(masterFile.getBytes(StandardCharsets.UTF_8)),
            name(origin), DEFAULT_TTL)) {
            Record r;
            while ((r = master.nextRecord()) != null) {
                add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bad zone data: " + e.getMessage(), e);
        }
        return this;
    }

    public DnsZone add(Record record) {
        records.computeIfAbsent(record.getName(), n -> new CopyOnWriteArrayList<>()).add(record);
        return this;
    }

    /** Makes the server misbehave for one name (any type). */
    public DnsZone fault(String name, Fault fault) {
        faults.put(name(name), fault);
        return this;
    }

    /** Makes the server misbehave for one type of one name, e.g. only TXT. */
    public DnsZone fault(String name, int type, Fault fault) {
        typeFaults.put(typeKey(name(name), type), fault);
        return this;
    }

    /** Makes the server misbehave for every question. */
    public DnsZone globalFault(Fault fault) {
        this.globalFault = fault;
        return this;
    }

    public DnsZone remove(String name) {
        records.remove(name(name));
        faults.remove(name(name));
        return this;
    }

    public DnsZone clear() {
        records.clear();
        faults.clear();
        typeFaults.clear();
        globalFault = Fault.NONE;
        return this;
    }

    Fault faultFor(Name name, int type) {
        Fault global = globalFault;
        if (global != Fault.NONE) {
            return global;
        }
        Fault forType = typeFaults.get(typeKey(name, type));
        if (forType != null) {
            return forType;
        }
        Fault fault = faults.getOrDefault(name, Fault.NONE);
        if (fault == Fault.TIMEOUT_WITHOUT_DATA) {
            boolean hasData = recordsAt(name).stream().anyMatch(r -> r.getType() == type);
            return hasData ? Fault.NONE : Fault.TIMEOUT;
        }
        return fault;
    }

    private static String typeKey(Name name, int type) {
        return name.toString().toLowerCase(Locale.ROOT) + "/" + type;
    }

    List<Record> recordsAt(Name name) {
        return new ArrayList<>(records.getOrDefault(name, List.of()));
    }

    /** A name exists when it owns records or is an ancestor of a name that does (RFC 8020). */
    boolean exists(Name name) {
        if (records.containsKey(name)) {
            return true;
        }
        return records.keySet().stream().anyMatch(owner -> owner.subdomain(name));
    }

    static Name name(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("bad DNS name '" + name + "': " + e.getMessage(), e);
        }
    }

    private static InetAddress ip(String address) {
        try {
            // Literal addresses only: getByName never touches DNS for them.
            if (!address.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("not an IP literal: " + address);
            }
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address " + address, e);
        }
    }
}
