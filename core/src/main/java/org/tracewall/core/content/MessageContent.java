package org.tracewall.core.content;

import java.util.List;

/** What content rules look at: decoded header values and the decoded text of the body. */
public interface MessageContent {
    /** Decoded values of a header, in order; empty when absent. */
    List<String> header(String name);

    /** The message's text (text parts decoded, HTML as is), bounded in length by the implementation. */
    String bodyText();
}
