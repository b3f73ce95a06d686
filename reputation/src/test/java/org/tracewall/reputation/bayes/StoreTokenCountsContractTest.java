package org.tracewall.reputation.bayes;

import org.tracewall.core.store.InMemoryStateStore;

class StoreTokenCountsContractTest extends TokenCountsContract {
    @Override
    TokenCounts counts() {
        return new StoreTokenCounts(new InMemoryStateStore());
    }
}
