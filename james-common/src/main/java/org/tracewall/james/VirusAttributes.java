package org.tracewall.james;

import org.apache.mailet.AttributeName;
import org.tracewall.core.score.KnownSymbol;

/** The mail attribute ClamAV scanning sets on infected mail, read by the cleaning mailet and the samples' quarantine. */
public final class VirusAttributes {
    /** The signature clamd reported, a String. */
    public static final AttributeName VIRUS = AttributeName.of(Tracewall.NAMESPACE + ".av.virus");
    /** The symbol infected mail carries for scoring. */
    public static final String SYMBOL = KnownSymbol.VIRUS.name();

    private VirusAttributes() {
    }
}
