package org.tracewall.james.webadmin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.tracewall.james.TracewallRuntime;
import org.tracewall.reputation.fingerprint.Fingerprint;
import org.tracewall.reputation.fingerprint.FingerprintStore;
import org.tracewall.reputation.text.AttachmentReader;
import org.tracewall.reputation.text.MessageTextExtractor;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for bulk fingerprints: an operator reports a message (its raw RFC 5322 text as
 * the request body) as known spam, so that its copies score FUZZY_SPAM on every node that shares
 * the state store, takes a report back, or asks what Tracewall knows of a message. Register in
 * {@code webadmin.properties}: {@code extensions.routes=org.tracewall.james.webadmin.FingerprintRoutes}.
 *
 * <pre>
 * POST   /tracewall/fingerprints/spam     (body: the message)   204; 400 when the text is too short to print
 * DELETE /tracewall/fingerprints/spam     (body: the message)   204: one report taken back
 * POST   /tracewall/fingerprints/lookup   (body: the message)   {"printed": true, "knownSpam": false}
 * </pre>
 */
public class FingerprintRoutes implements Routes {
    public static final String BASE_PATH = "/tracewall/fingerprints";
    static final String SPAM = BASE_PATH + "/spam";
    static final String LOOKUP = BASE_PATH + "/lookup";

    private final FingerprintStore prints;
    private final AttachmentReader attachments;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public FingerprintRoutes(TracewallRuntime runtime) {
        this(runtime.fingerprints(), runtime.attachments());
    }

    FingerprintRoutes(FingerprintStore prints, AttachmentReader attachments) {
        this.prints = prints;
        this.attachments = attachments;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.post(SPAM, this::report);
        service.delete(SPAM, this::withdraw);
        service.post(LOOKUP, this::lookup, json);
    }

    private Object report(Request request, Response response) {
        Fingerprint print = required(request);
        RouteErrors.available(() -> prints.reportSpam(print));
        return Responses.returnNoContent(response);
    }

    private Object withdraw(Request request, Response response) {
        Fingerprint print = required(request);
        RouteErrors.available(() -> prints.withdrawSpam(print));
        return Responses.returnNoContent(response);
    }

    private Object lookup(Request request, Response response) {
        Optional<Fingerprint> print = print(request);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("printed", print.isPresent());
        answer.put("knownSpam", print.isPresent() && RouteErrors.available(() -> prints.isKnownSpam(print.get())));
        return answer;
    }

    private Fingerprint required(Request request) {
        return print(request).orElseThrow(() -> RouteErrors.badRequest("The message's text is too short to print (fewer than "
            + Fingerprint.MIN_SHINGLES + " runs of " + Fingerprint.SHINGLE + " words): nothing to report", null));
    }

    private Optional<Fingerprint> print(Request request) {
        return Fingerprint.of(MessageTextExtractor.extract(request.bodyAsBytes(), attachments).body());
    }
}
