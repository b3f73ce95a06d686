package org.tracewall.reputation.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Links as spammers write them, and what a URL block list must be asked about each. */
class UrlHostsTest {
    @Test
    void plainLinksAndWwwStartsShouldGiveTheirHosts() {
        assertThat(UrlHosts.of("Visit https://Shop.Example.com/offer?id=1 or www.other.example/x, and ftp://files.example.net"))
            .containsExactly("shop.example.com", "www.other.example", "files.example.net");
    }

    @Test
    void disguisesShouldBeUndone() {
        assertThat(UrlHosts.of("hxxp://evil.example/ h**ps://bad.example example and hxxps://cheap[.]pills(dot)example"))
            .containsExactly("evil.example", "bad.example", "cheap.pills.example");
        assertThat(UrlHosts.of("<a href=\"http&#58;//spam&#46;example/\">x</a> <a href=\"http://%77%77%77.enc.example/\">y</a>"))
            .containsExactly("spam.example", "www.enc.example");
    }

    @Test
    void userInfoPortsAndIpFormsShouldBeSeenThrough() {
        assertThat(UrlHosts.of("http://paypal.com@phish.example:8080/login http://3232235777/ http://0x7f000001/ http://192.0.2.7/"))
            .containsExactly("phish.example", "192.168.1.1", "127.0.0.1", "192.0.2.7");
    }

    @Test
    void internationalNamesShouldBeAskedInPunycode() {
        assertThat(UrlHosts.of("http://bücher.example/ http://例子.测试/")).containsExactly("xn--bcher-kva.example", "xn--fsqu00a.xn--0zwm56d");
    }

    @Test
    void whatIsNotAHostShouldBeLeftOut() {
        assertThat(UrlHosts.of("http://localhost/ http://-bad-.example/ http://999.1.1.1/ http://a..b.example/ www. nothing")).isEmpty();
    }

    @Test
    void theCountShouldBeBoundedAndDuplicatesDropped() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append("http://h").append(i % 150).append(".example/ ");
        }
        assertThat(UrlHosts.of(text.toString())).hasSize(UrlHosts.MAX).doesNotHaveDuplicates();
    }
}
