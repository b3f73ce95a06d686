package org.tracewall.reputation.sender;

/** What a verified {@link OriginStamp} says: which delivered mail it names, and that mail's reputation features. */
public final class StampedOrigin {
    private final String id;
    private final ReputationFeatures features;

    StampedOrigin(String id, ReputationFeatures features) {
        this.id = id;
        this.features = features;
    }

    /** The stamp's nonce: the same for every copy of one delivered mail, and for no other mail. */
    public String id() {
        return id;
    }

    public ReputationFeatures features() {
        return features;
    }
}
