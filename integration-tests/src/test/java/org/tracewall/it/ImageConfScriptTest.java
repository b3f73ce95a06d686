package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script both Dockerfiles run on the gateway sample ({@code docker/image-conf.sh}), run here on
 * a copy of it: the images' standard ports, and a keystore whose password is random and is the one
 * the server configurations name.
 */
class ImageConfScriptTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern SECRET = Pattern.compile("<secret>([^<]*)</secret>");

    @TempDir
    Path conf;

    @Test
    void theScriptShouldMoveThePortsAndMakeAKeystoreWithTheConfiguredRandomPassword() throws Exception {
        for (String name : new String[] {"smtpserver.xml", "imapserver.xml", "webadmin.properties"}) {
            Files.copy(ROOT.resolve("conf-samples/gateway").resolve(name), conf.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder script = new ProcessBuilder("sh", ROOT.resolve("docker/image-conf.sh").toString(), conf.toString())
            .redirectErrorStream(true);
        script.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        Process run = script.start();
        String output = new String(run.getInputStream().readAllBytes());
        assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(run.exitValue()).as(output).isZero();

        String smtp = Files.readString(conf.resolve("smtpserver.xml"));
        String imap = Files.readString(conf.resolve("imapserver.xml"));
        assertThat(smtp).contains("0.0.0.0:25<", "0.0.0.0:465<").doesNotContain("0.0.0.0:2525", "keystore-password-set-on-first-start");
        assertThat(imap).contains("0.0.0.0:143<", "0.0.0.0:993<").doesNotContain("keystore-password-set-on-first-start");
        assertThat(Files.readString(conf.resolve("webadmin.properties"))).contains("host=0.0.0.0");
        String secret = secretOf(smtp);
        assertThat(secretOf(imap)).isEqualTo(secret);
        assertThat(secret).hasSizeGreaterThanOrEqualTo(20);
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(conf.resolve("keystore"))) {
            keystore.load(in, secret.toCharArray());
        }
        assertThat(keystore.containsAlias("james")).isTrue();
        assertThat(Files.getPosixFilePermissions(conf.resolve("keystore")))
            .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    private static String secretOf(String configuration) {
        Matcher secret = SECRET.matcher(configuration);
        assertThat(secret.find()).as("a <secret>").isTrue();
        return secret.group(1);
    }
}
