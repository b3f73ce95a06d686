package org.tracewall.core.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Wraps a resolver and keeps a log of every question and its outcome, so a tool can show
 * "the DNS queries it took" (answers from the wrapped resolver's cache are listed too).
 */
public final class RecordingDnsResolver implements DnsResolver {
    private final DnsResolver delegate;
    private final List<Query> queries = new ArrayList<>();

    public RecordingDnsResolver(DnsResolver delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public CompletionStage<DnsAnswer<Record>> lookupAsync(Name name, int type) {
        return delegate.lookupAsync(name, type).thenApply(answer -> {
            synchronized (queries) {
                queries.add(new Query(name.toString(true), Type.string(type), answer));
            }
            return answer;
        });
    }

    @Override
    public boolean isCached(String name, int type) {
        return delegate.isCached(name, type);
    }

    public List<Query> queries() {
        synchronized (queries) {
            return List.copyOf(queries);
        }
    }

    /** One recorded question. */
    public static final class Query {
        private final String name;
        private final String type;
        private final DnsAnswer<Record> answer;

        Query(String name, String type, DnsAnswer<Record> answer) {
            this.name = name;
            this.type = type;
            this.answer = answer;
        }

        public String name() {
            return name;
        }

        public String type() {
            return type;
        }

        public DnsStatus status() {
            return answer.status();
        }

        /** The answer's records in presentation format (rdata only), or the failure reason. */
        public List<String> data() {
            if (!answer.isOk()) {
                return answer.reason().isEmpty() ? List.of() : List.of(answer.reason());
            }
            return answer.records().stream().map(Record::rdataToString).collect(Collectors.toList());
        }

        @Override
        public String toString() {
            return name + " " + type + " -> " + status() + (data().isEmpty() ? "" : " " + data());
        }
    }
}
