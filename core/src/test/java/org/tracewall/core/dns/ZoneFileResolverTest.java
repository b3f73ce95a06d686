package org.tracewall.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

class ZoneFileResolverTest {
    @TempDir
    Path dir;

    private ZoneFileResolver resolver() throws IOException {
        Path zone = Files.writeString(dir.resolve("uribl.zone"), "$ORIGIN uribl.test.\n$TTL 300\n"
            + "@ IN SOA ns hostmaster 1 3600 600 86400 60\n"
            + "spam-shop.example IN A 127.0.0.2\n"
            + "spam-shop.example IN TXT \"listed\"\n");
        return ZoneFileResolver.read(List.of(zone), DnsResolver.offline());
    }

    @Test
    void aListedNameShouldBeAnsweredFromTheFile() throws IOException {
        DnsAnswer<?> answer = resolver().lookup("spam-shop.example.uribl.test.", Type.A);

        assertThat(answer.status()).isEqualTo(DnsStatus.OK);
        assertThat(answer.records().toString()).contains("127.0.0.2");
    }

    @Test
    void namesOfTheZoneThatAreNotListedShouldNotExist() throws IOException {
        assertThat(resolver().lookup("good.example.uribl.test.", Type.A).status()).isEqualTo(DnsStatus.NO_SUCH_NAME);
        assertThat(resolver().lookup("spam-shop.example.uribl.test.", Type.AAAA).status()).isEqualTo(DnsStatus.NO_DATA);
    }

    @Test
    void questionsOutsideTheZoneShouldGoToTheOtherResolver() throws IOException {
        assertThat(resolver().lookup("spam-shop.example.", Type.A).status()).isEqualTo(DnsStatus.TEMPORARY_FAILURE);
    }

    @Test
    void aFileWithoutSoaShouldBeRefusedByName() throws IOException {
        Path zone = Files.writeString(dir.resolve("bare.zone"), "$ORIGIN uribl.test.\nspam-shop.example 300 IN A 127.0.0.2\n");

        assertThatThrownBy(() -> ZoneFileResolver.read(List.of(zone), DnsResolver.offline()))
            .isInstanceOf(IOException.class).hasMessageContaining("bare.zone: no SOA record");
    }
}
