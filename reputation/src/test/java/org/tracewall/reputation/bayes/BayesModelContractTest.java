package org.tracewall.reputation.bayes;

class BayesModelContractTest extends TokenCountsContract {
    @Override
    TokenCounts counts() {
        return new BayesModel();
    }
}
