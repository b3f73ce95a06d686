package org.tracewall.core.trace;

/**
 * The trusted-domain registry ("full traceability"): an authority that says
 * which domains are trusted senders, and which are not, regardless of heuristics.
 */
public interface TrustedRegistry {
    /** What a registry says about a domain. */
    enum Answer { TRUSTED, UNTRUSTED, UNLISTED, UNAVAILABLE }

    Answer lookup(String domain);

    /** Where the answer came from, for the verdict's detail. */
    String describe();

    static TrustedRegistry none() {
        return new TrustedRegistry() {
            @Override
            public Answer lookup(String domain) {
                return Answer.UNLISTED;
            }

            @Override
            public String describe() {
                return "none";
            }
        };
    }
}
