package org.tracewall.core.trace;

import java.util.List;
import java.util.stream.Collectors;

/** Asks each registry in turn; the first TRUSTED or UNTRUSTED answer wins. */
final class CompositeTrustedRegistry implements TrustedRegistry {
    private final List<TrustedRegistry> registries;
    private final ThreadLocal<TrustedRegistry> lastAnswering = new ThreadLocal<>();

    CompositeTrustedRegistry(List<TrustedRegistry> registries) {
        this.registries = List.copyOf(registries);
    }

    @Override
    public Answer lookup(String domain) {
        for (TrustedRegistry registry : registries) {
            Answer answer = registry.lookup(domain);
            if (answer == Answer.TRUSTED || answer == Answer.UNTRUSTED) {
                lastAnswering.set(registry);
                return answer;
            }
        }
        lastAnswering.remove();
        return Answer.UNLISTED;
    }

    @Override
    public String describe() {
        TrustedRegistry last = lastAnswering.get();
        return last != null ? last.describe() : registries.stream().map(TrustedRegistry::describe).collect(Collectors.joining(", "));
    }
}
