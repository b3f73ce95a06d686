package org.tracewall.core.dns;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Answers from RFC 1035 master files, as an authoritative server of those zones would: the
 * records of a name and type, NODATA for a name that has other types, NXDOMAIN for a name under
 * a zone's origin that has none; a question outside every zone goes to {@code others}. For running
 * DNS lists offline, as {@code tracewall eval --zone} does with a URL list of one's own.
 */
public final class ZoneFileResolver implements DnsResolver {
    private final Map<Name, List<Record>> records;
    private final List<Name> origins;
    private final DnsResolver others;

    private ZoneFileResolver(Map<Name, List<Record>> records, List<Name> origins, DnsResolver others) {
        this.records = records;
        this.origins = origins;
        this.others = others;
    }

    /**
     * Reads each file; its zone is the owner of its SOA record, as for any authoritative server,
     * so that what is not in the file reads as NXDOMAIN rather than as a DNS failure.
     *
     * @throws IOException a file that cannot be read or parsed, or has no SOA record, named in the message
     */
    public static ZoneFileResolver read(List<Path> files, DnsResolver others) throws IOException {
        Map<Name, List<Record>> records = new HashMap<>();
        List<Name> origins = new ArrayList<>();
        for (Path file : files) {
            int zones = origins.size();
            try (Master master = new Master(file.toString())) {
                for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
                    records.computeIfAbsent(record.getName(), n -> new ArrayList<>()).add(record);
                    if (record.getType() == Type.SOA) {
                        origins.add(record.getName());
                    }
                }
            } catch (IOException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
            if (origins.size() == zones) {
                throw new IOException(file + ": no SOA record (a zone file starts with one: @ SOA ns. hostmaster. 1 3600 600 86400 60)");
            }
        }
        return new ZoneFileResolver(records, List.copyOf(origins), others);
    }

    @Override
    public CompletionStage<DnsAnswer<Record>> lookupAsync(Name name, int type) {
        if (origins.stream().noneMatch(name::subdomain)) {
            return others.lookupAsync(name, type);
        }
        List<Record> atName = records.get(name);
        if (atName == null) {
            return CompletableFuture.completedFuture(DnsAnswer.noSuchName());
        }
        List<Record> ofType = new ArrayList<>();
        for (Record record : atName) {
            if (record.getType() == type) {
                ofType.add(record);
            }
        }
        return CompletableFuture.completedFuture(ofType.isEmpty() ? DnsAnswer.noData() : DnsAnswer.ok(ofType));
    }
}
