package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What can be checked here of the deployment on James's distributed app ({@code docker/distributed}),
 * which needs Cassandra, OpenSearch, RabbitMQ and S3 and so cannot run on these machines: its files
 * are the tested samples with the repositories on Cassandra, every class they name exists in James
 * 3.8.1 or Tracewall, and the Dockerfile copies only files that exist.
 */
class DistributedDeploymentFilesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DISTRIBUTED = ROOT.resolve("docker/distributed");
    private static final Pattern COMMENT_HEADER = Pattern.compile("(?s)^<\\?xml version=\"1.0\"\\?>\\n<!--.*?-->\\n");

    @Test
    void theMailetContainerShouldBeTheGatewaySampleWithItsRepositoriesOnCassandra() throws IOException {
        String sample = read(ROOT.resolve("conf-samples/gateway/mailetcontainer.xml"));
        String distributed = COMMENT_HEADER.matcher(read(DISTRIBUTED.resolve("conf/mailetcontainer.xml"))).replaceFirst("<?xml version=\"1.0\"?>\n");

        assertThat(distributed).isEqualTo(sample.replace("file://var/mail/", "cassandra://var/mail/"));
        assertThat(distributed).doesNotContain("file://", "memory://").contains("cassandra://var/mail/quarantine/");
    }

    @Test
    void theTracewallPropertiesShouldBeTheComposeOnesWithTheQuarantineOnCassandra() throws IOException {
        // The compose properties are checked with a running James by ComposeConfigurationIntegrationTest.
        String compose = read(ROOT.resolve("docker/compose/tracewall.properties"));
        String distributed = read(DISTRIBUTED.resolve("conf/tracewall.properties")).replaceFirst("(?s)^(#[^\\n]*\\n){3}", "");

        assertThat(distributed).isEqualTo(compose.replace("file://var/mail/", "cassandra://var/mail/"));
        assertThat(distributed).contains("store.type=redis", "bayes.store=state", "quarantine.repository=cassandra://var/mail/quarantine/");
    }

    @Test
    void everyMailetAndMatcherItNamesShouldExistInJamesOrTracewall() throws Exception {
        org.w3c.dom.Document container = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(Files.readAllBytes(DISTRIBUTED.resolve("conf/mailetcontainer.xml"))));
        NodeList mailets = container.getElementsByTagName("mailet");
        NodeList matchers = container.getElementsByTagName("matcher");
        List<String> named = new ArrayList<>();
        for (int i = 0; i < matchers.getLength(); i++) {
            named.add(((Element) matchers.item(i)).getAttribute("name"));
        }
        List<String> missing = new ArrayList<>();
        for (NodeList elements : List.of(mailets, matchers)) {
            for (int i = 0; i < elements.getLength(); i++) {
                Element element = (Element) elements.item(i);
                check(element.getAttribute("class"), "org.apache.james.transport.mailets.", missing);
                String matcher = element.getAttribute("match").replaceFirst("=.*", "");
                if (!named.contains(matcher)) {
                    // A composite matcher defined in the file (<matcher name=...>) is no class.
                    check(matcher, "org.apache.james.transport.matchers.", missing);
                }
            }
        }
        assertThat(mailets.getLength()).isGreaterThan(20);
        assertThat(missing).isEmpty();
        assertThat(getClass().getResource("/org/apache/james/mailrepository/cassandra/CassandraMailRepository.class"))
            .as("the class behind cassandra:// in the distributed image's mailrepositorystore.xml, at 3.8.1").isNotNull();
    }

    @Test
    void theDockerfileShouldCopyOnlyFilesThatExistAndKeepTheImageStorageConfiguration() throws IOException {
        String dockerfile = read(DISTRIBUTED.resolve("Dockerfile"));
        Matcher copy = Pattern.compile("(?m)^COPY ((?:\\\\\\n|[^\\n])*)").matcher(dockerfile);
        int sources = 0;
        while (copy.find()) {
            List<String> words = List.of(copy.group(1).replace("\\\n", " ").trim().split("\\s+"));
            for (String source : words.subList(0, words.size() - 1)) {
                if (!source.contains("*")) {
                    assertThat(ROOT.resolve(source)).as("COPY source %s", source).exists();
                    sources++;
                }
            }
        }
        assertThat(sources).isGreaterThan(5);
        assertThat(dockerfile).startsWith("#").contains("FROM apache/james:distributed-3.8.1")
            .doesNotContain("mailrepositorystore.xml /root", "usersrepository.xml /root");
        assertThat(read(DISTRIBUTED.resolve("docker-compose.yml")))
            .contains("tracewall-1:", "tracewall-2:", "cassandra:", "opensearch:", "rabbitmq:", "s3:", "redis:", "tika:");
    }

    private static void check(String name, String jamesPackage, List<String> missing) {
        if (name.isEmpty()) {
            return;
        }
        String qualified = name.contains(".") ? name : jamesPackage + name;
        try {
            Class.forName(qualified, false, DistributedDeploymentFilesTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            missing.add(qualified);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
