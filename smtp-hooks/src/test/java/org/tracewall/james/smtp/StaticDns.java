package org.tracewall.james.smtp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import org.tracewall.core.dns.DnsAnswer;
import org.tracewall.core.dns.DnsResolver;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** DNS answers from records in memory: NXDOMAIN for a name it has no record of, NODATA for one with only other types. */
final class StaticDns implements DnsResolver {
    private final List<Record> records;
    private int questions;

    StaticDns(List<Record> records) {
        this.records = List.copyOf(records);
    }

    /** How many questions it was asked. */
    int questions() {
        return questions;
    }

    @Override
    public CompletionStage<DnsAnswer<Record>> lookupAsync(Name name, int type) {
        questions++;
        List<Record> named = records.stream().filter(r -> r.getName().equals(name)).collect(Collectors.toList());
        List<Record> typed = named.stream().filter(r -> r.getType() == type).collect(Collectors.toList());
        return CompletableFuture.completedFuture(named.isEmpty() ? DnsAnswer.noSuchName() : DnsAnswer.ok(typed));
    }
}
