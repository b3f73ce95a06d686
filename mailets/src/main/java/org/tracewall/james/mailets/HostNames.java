package org.tracewall.james.mailets;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This host's name, for defaults such as the authserv-id and the stamp's node. */
final class HostNames {
    private HostNames() {
    }

    static String local() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && fromEnvironment.matches("[A-Za-z0-9._-]+")) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
