package org.tracewall.reputation.text;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the text of an attachment (a PDF, an office document), so that the classifier and the
 * content rules see what spam hides there. Implementations never throw: an attachment they cannot
 * read (type not handled, reader down or too slow) simply contributes no text.
 */
public interface AttachmentReader {
    /** Reads nothing: attachments are only named (the default). */
    AttachmentReader NONE = (type, name, content) -> Optional.empty();

    /** Document types worth reading; images, archives and executables are left to the virus scanner. */
    Set<String> DOCUMENT_TYPES = Set.of("application/pdf", "application/msword", "application/rtf", "text/rtf",
        "application/vnd.ms-excel", "application/vnd.ms-powerpoint");
    /** Extensions that mark a document sent as application/octet-stream. */
    Set<String> DOCUMENT_EXTENSIONS = Set.of("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "rtf", "odt", "ods", "odp");

    /**
     * @param type the part's declared base type, lower case
     * @param name the attachment's file name ("" when none)
     * @param content the decoded bytes, already bounded by the caller
     */
    Optional<String> text(String type, String name, byte[] content);

    /** True when the part looks like a document (by type or by file extension), whatever it declares. */
    static boolean isDocument(String type, String name) {
        if (DOCUMENT_TYPES.contains(type) || type.startsWith("application/vnd.openxmlformats-officedocument.")
            || type.startsWith("application/vnd.oasis.opendocument.")) {
            return true;
        }
        int dot = name.lastIndexOf('.');
        return dot >= 0 && DOCUMENT_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
