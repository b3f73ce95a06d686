package org.tracewall.core.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs each alert as JSON ({@link Alert#toJson()}) to one URL, as chat tools' incoming webhooks and
 * alert managers take them. A reply other than 2xx, a refused connection or no reply within
 * {@value #TIMEOUT_SECONDS} s is a failure; the monitor does not retry (the next interval that
 * still crosses the threshold sends it again once the repeat time is over).
 */
public final class WebhookSink implements AlertSink {
    static final int TIMEOUT_SECONDS = 5;

    private final URI target;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS))
        .followRedirects(HttpClient.Redirect.NEVER).build();

    public WebhookSink(URI target) {
        this.target = target;
    }

    @Override
    public void send(Alert alert) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alert.toJson())).build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the webhook answered " + response.statusCode());
        }
    }

    @Override
    public String describe() {
        return "webhook " + AlertConfig.describeWebhook(target.toString());
    }
}
