package org.tracewall.james;

/** Product facts shared by the adapters: name, version, attribute namespace. */
public final class Tracewall {
    /** Prefix of every mail attribute and session key Tracewall writes. */
    public static final String NAMESPACE = "org.tracewall";

    private Tracewall() {
    }

    /** The version from the jar manifest, or "dev" when running from classes. */
    public static String version() {
        String version = Tracewall.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
