package org.tracewall.it.load;

/** The gateway sample with every Tracewall component taken out: the baseline for the overhead ratio. */
final class PlainJames {
    private PlainJames() {
    }

    static String smtpServer(String xml) {
        String withoutComments = xml.replaceAll("(?s)<!--.*?-->", "");
        String plain = withoutComments.replaceAll("(?s)<handler class=\"org\\.tracewall[^\"]*\"\\s*/>", "")
            .replaceAll("(?s)<handler class=\"org\\.tracewall[^\"]*\">.*?</handler>", "");
        // BadRcptThrottleHandler stood in for James's ValidRcptHandler on the MX port.
        return plain.replaceFirst("<handler class=\"org.apache.james.smtpserver.CoreCmdHandlerLoader\"/>",
            "<handler class=\"org.apache.james.smtpserver.fastfail.ValidRcptHandler\"/>\n"
                + "<handler class=\"org.apache.james.smtpserver.CoreCmdHandlerLoader\"/>");
    }

    static String mailetContainer(String xml) {
        return xml.replaceAll("(?s)<!--.*?-->", "")
            .replaceAll("(?s)<mailet match=\"[^\"]*\" class=\"org\\.tracewall[^\"]*\"\\s*/>", "")
            .replaceAll("(?s)<mailet match=\"[^\"]*\" class=\"org\\.tracewall[^\"]*\">.*?</mailet>", "")
            .replaceAll("(?s)<mailet match=\"org\\.tracewall[^\"]*\"[^>]*>.*?</mailet>", "");
    }
}
