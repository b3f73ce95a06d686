package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.tracewall.testing.dns.LoopbackDnsServer;
import org.tracewall.testing.james.TracewallJamesExtension;

/**
 * The dashboard in a real headless Chromium (Debian's, driven through its chromedriver), against
 * a real James with mail that real SMTP sessions put in the quarantine: an admin sees the
 * decisions and changes a weight (which the operation log then shows), a user sees and releases
 * only their own held mail (which then arrives over IMAP), an auditor sees the rules and cannot
 * change one. Screenshots of the main pages go to {@code target/screenshots} (the README's).
 */
class DashboardBrowserIntegrationTest {
    static final LoopbackDnsServer DNS = LoopbackDnsServer.startOrFail();
    static final String QUARANTINE = "file://var/mail/quarantine/";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static TracewallJamesExtension james = Gateway.builder(DNS)
        .property("score.rule.HOLD.in", "Subject").property("score.rule.HOLD.pattern", "zq-hold").property("score.rule.HOLD.weight", "12")
        .property("webadmin.admins", "admin@tracewall.local").property("webadmin.auditors", "audit@tracewall.local")
        .user("admin@tracewall.local", "admin-pw").user("audit@tracewall.local", "audit-pw")
        .user("bob@tracewall.local", "bob-pw").user("carol@tracewall.local", "carol-pw").build();

    ChromeDriver browser;
    Path profile;

    @BeforeAll
    static void quarantinedMail() throws Exception {
        DNS.zone().txt("shop.test", "v=spf1 ip4:127.0.71.0/24 -all").a("mx.shop.test", "127.0.71.5").ptr("127.0.71.5", "mx.shop.test");
        Gateway.sendPromo(james, "127.0.71.5", "bob@tracewall.local", "zq-hold watches for bob", "Two gold watches for the price of one.");
        Gateway.sendPromo(james, "127.0.71.5", "carol@tracewall.local", "zq-hold shoes for carol", "Shoes.");
        Gateway.sendPromo(james, "127.0.71.5", "carol@tracewall.local", "welcome", "Not held.");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.repositoryCount(QUARANTINE) == 2);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @BeforeEach
    void startBrowser() throws IOException {
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new", "--no-sandbox",
            "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.get("http://127.0.0.1:" + james.webAdminPort() + "/tracewall/ui/");
    }

    @AfterEach
    void stopBrowser() throws IOException {
        browser.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }


    @Test
    void aUserShouldSeeAndReleaseOnlyTheirOwnHeldMail() throws Exception {
        signIn("bob@tracewall.local", "bob-pw");
        waitFor(() -> heldSubjects().contains("zq-hold watches for bob"));

        assertThat(heldSubjects()).as("carol's held mail is not bob's to see").containsExactly("zq-hold watches for bob");
        assertThat(visibleTabs()).as("a user has the quarantine only").containsExactly("Quarantine");
        assertThat(fetchStatus("GET", "/tracewall/ui/api/quarantine/mails/" + keyOf("carol@tracewall.local"), null)).isEqualTo(404);
        assertThat(fetchStatus("GET", "/tracewall/ui/api/score", null)).isEqualTo(403);

        row("zq-hold watches for bob").findElement(By.cssSelector("button.preview")).click();
        waitFor(() -> text("preview-text").contains("Two gold watches"));
        screenshot("quarantine");
        row("zq-hold watches for bob").findElement(By.cssSelector("button.release")).click();
        waitFor(() -> text("message").contains("Released"));

        assertThat(Gateway.deliveredHeaders(james, "bob@tracewall.local", "bob-pw")).contains("Subject: zq-hold watches for bob");
        assertThat(heldSubjects()).doesNotContain("zq-hold watches for bob");
    }

    @Test
    void anAuditorShouldSeeTheRulesAndChangeNone() throws Exception {
        signIn("audit@tracewall.local", "audit-pw");
        browser.findElement(By.cssSelector("#tabs button[data-tab=rules]")).click();
        waitFor(() -> text("content-rules").contains("HOLD"));

        assertThat(browser.findElements(By.cssSelector("#weights input"))).as("no field to change").isEmpty();
        assertThat(browser.findElement(By.id("rule-form")).isDisplayed()).isFalse();
        assertThat(fetchStatus("PUT", "/tracewall/ui/api/score/weights/NO_PTR", "{\"weight\": 9}")).as("the server refuses it too").isEqualTo(403);
        assertThat(webAdmin("/tracewall/score")).doesNotContain("\"score.weight.NO_PTR\":\"9\"");
    }

    @Test
    void anAdminShouldSeeTheDecisionsChangeAWeightAndFindItInTheOperationLog() throws Exception {
        signIn("admin@tracewall.local", "admin-pw");
        waitFor(() -> !browser.findElements(By.cssSelector("#totals .card[data-action=quarantine]")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#chart rect"))).as("decisions by hour").isNotEmpty();
        screenshot("overview");

        browser.findElement(By.cssSelector("#tabs button[data-tab=rules]")).click();
        waitFor(() -> !browser.findElements(By.cssSelector("input[data-weight=NO_PTR]")).isEmpty());
        WebElement weight = browser.findElement(By.cssSelector("input[data-weight=NO_PTR]"));
        weight.clear();
        weight.sendKeys("4.5");
        weight.findElement(By.xpath("following-sibling::button")).click();
        waitFor(() -> text("message").contains("NO_PTR set to 4.5"));
        screenshot("rules");

        assertThat(webAdmin("/tracewall/score")).as("kept for every node").contains("\"score.weight.NO_PTR\":\"4.5\"");
        browser.findElement(By.cssSelector("#tabs button[data-tab=operations]")).click();
        waitFor(() -> text("operation-log").contains("PUT /tracewall/ui/api/score/weights/NO_PTR"));
        assertThat(text("operation-log")).contains("admin@tracewall.local").contains("sign-in as admin");
        screenshot("operation-log");
        assertThat(fetchStatus("PUT", "/tracewall/ui/api/score/weights/NO_PTR", "{\"weight\": 1}", false))
            .as("a change without the dashboard's header, as a page of another site would send it").isEqualTo(403);
    }

    @Test
    void anAdminShouldAddADnsListAndATrapThroughThePageAndAnAuditorNeither() throws Exception {
        signIn("admin@tracewall.local", "admin-pw");
        browser.findElement(By.cssSelector("#tabs button[data-tab=lists]")).click();
        waitFor(() -> browser.findElement(By.id("dns-list-form")).isDisplayed());
        browser.findElement(By.id("dns-list-name")).sendKeys("zqlist");
        browser.findElement(By.id("dns-list-zone")).sendKeys("zq.bl.test");
        browser.findElement(By.cssSelector("#dns-list-form button")).click();
        waitFor(() -> text("dns-lists").contains("zq.bl.test"));
        browser.findElement(By.id("trap-address")).sendKeys("zq-trap@tracewall.local");
        browser.findElement(By.cssSelector("#trap-form button")).click();
        waitFor(() -> text("traps").contains("zq-trap@tracewall.local"));
        screenshot("lists");

        assertThat(webAdmin("/tracewall/dnsbl")).as("kept for every node").contains("\"zone\":\"zq.bl.test\"");
        assertThat(webAdmin("/tracewall/honeypot")).contains("zq-trap@tracewall.local");
        browser.findElement(By.cssSelector("#traps li[data-trap='zq-trap@tracewall.local'] button")).click();
        waitFor(() -> !text("traps").contains("zq-trap@tracewall.local"));
        assertThat(webAdmin("/tracewall/honeypot")).doesNotContain("zq-trap@tracewall.local");

        browser.findElement(By.id("sign-out")).click();
        waitFor(() -> browser.findElement(By.id("login")).isDisplayed());
        signIn("audit@tracewall.local", "audit-pw");
        browser.findElement(By.cssSelector("#tabs button[data-tab=lists]")).click();
        waitFor(() -> text("dns-lists").contains("zq.bl.test"));
        assertThat(browser.findElement(By.id("trap-form")).isDisplayed()).isFalse();
        assertThat(fetchStatus("PUT", "/tracewall/ui/api/honeypot/traps/zq-other@tracewall.local", null)).isEqualTo(403);
        assertThat(webAdmin("/tracewall/honeypot")).doesNotContain("zq-other@tracewall.local");
    }

    @Test
    void aChangeThroughJamesOwnRoutesShouldBeLoggedWithoutItsPassword() throws Exception {
        // James answers PUT /users with a halt: the log must see halted answers too.
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + james.webAdminPort() + "/users/erin@tracewall.local"))
            .PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"erin-secret-pw\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(204);

        String log = webAdmin("/tracewall/operations");
        assertThat(log).contains("PUT /users/erin@tracewall.local").doesNotContain("erin-secret-pw");
    }

    @Test
    void aWrongPasswordShouldNotSignIn() {
        signIn("bob@tracewall.local", "wrong");
        waitFor(() -> text("message").contains("Wrong user name or password"));

        assertThat(browser.findElement(By.id("tabs")).isDisplayed()).isFalse();
        assertThat(fetchStatus("GET", "/tracewall/ui/api/quarantine/mails", null)).isEqualTo(401);
    }

    private void signIn(String user, String password) {
        browser.findElement(By.id("login-user")).clear();
        browser.findElement(By.id("login-user")).sendKeys(user);
        browser.findElement(By.id("login-password")).clear();
        browser.findElement(By.id("login-password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
        if (!"wrong".equals(password)) {
            waitFor(() -> text("who").startsWith(user));
        }
    }

    private List<String> heldSubjects() {
        return browser.findElements(By.cssSelector("#held tbody tr[data-subject]")).stream()
            .map(row -> row.getAttribute("data-subject")).collect(Collectors.toList());
    }

    private WebElement row(String subject) {
        return browser.findElement(By.cssSelector("#held tbody tr[data-subject='" + subject + "']"));
    }

    private List<String> visibleTabs() {
        return browser.findElements(By.cssSelector("#tabs button")).stream().filter(WebElement::isDisplayed).map(WebElement::getText)
            .collect(Collectors.toList());
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private int fetchStatus(String method, String path, String body) {
        return fetchStatus(method, path, body, true);
    }

    /** A request from the signed-in page itself, with its cookie, as its script would make it. */
    private int fetchStatus(String method, String path, String body, boolean dashboardHeader) {
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "const headers = arguments[3] ? {'X-Tracewall-Dashboard': '1', 'Content-Type': 'application/json'} : {};"
                + "fetch(arguments[1], {method: arguments[0], body: arguments[2], headers: headers, credentials: 'same-origin'})"
                + ".then(r => done(r.status), e => done(-1));", method, path, body, dashboardHeader);
        return ((Number) status).intValue();
    }

    private void waitFor(Supplier<Boolean> condition) {
        Awaitility.await().atMost(WAIT).ignoreExceptions().until(condition::get);
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve("dashboard-" + name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static String keyOf(String recipient) throws Exception {
        String held = webAdmin("/tracewall/quarantine/mails?recipient=" + recipient);
        return URLEncoder.encode(held.replaceAll("(?s).*?\"key\":\"([^\"]+)\".*", "$1"), StandardCharsets.UTF_8);
    }

    private static String webAdmin(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + james.webAdminPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
