package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every bounce a shipped sample can produce goes only to a sender that may receive it and never
 * carries the original's body: a forged sender must not receive a copy of a 50 MB message it
 * never sent (backscatter with amplification). Read from the sample files as James reads them.
 */
class SampleBouncesTest {
    private static final String SAFE = "org.tracewall.james.matchers.IsSafeToBounce";

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "annotate"})
    void everyBounceShouldBeBehindIsSafeToBounceAndCarryNoBody(String sample) throws Exception {
        List<Element> bounces = bounceMailets(sample);

        assertThat(bounces).as("the %s sample's bounces", sample).isNotEmpty();
        for (Element bounce : bounces) {
            assertThat(bounce.getAttribute("match")).as("%s in %s", bounce.getAttribute("class"), sample).isEqualTo(SAFE);
            assertThat(parameter(bounce, "attachment")).as("attachment of %s in %s", bounce.getAttribute("class"), sample)
                .isIn("heads", "none");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "annotate"})
    void everySmtpServerShouldLimitTheMessageSize(String sample) throws Exception {
        NodeList sizes = parse(sample, "smtpserver.xml").getElementsByTagName("maxmessagesize");

        assertThat(sizes.getLength()).isEqualTo(3);
        for (int i = 0; i < sizes.getLength(); i++) {
            assertThat(Long.parseLong(sizes.item(i).getTextContent().trim())).isBetween(1L, 102_400L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "annotate"})
    void remoteDeliveryShouldHandItsBouncesToAProcessorThatExists(String sample) throws Exception {
        org.w3c.dom.Document container = parse(sample, "mailetcontainer.xml");
        List<String> states = new ArrayList<>();
        NodeList processors = container.getElementsByTagName("processor");
        for (int i = 0; i < processors.getLength(); i++) {
            states.add(((Element) processors.item(i)).getAttribute("state"));
        }
        NodeList mailets = container.getElementsByTagName("mailet");
        int remoteDeliveries = 0;
        for (int i = 0; i < mailets.getLength(); i++) {
            Element mailet = (Element) mailets.item(i);
            if (mailet.getAttribute("class").endsWith("RemoteDelivery")) {
                remoteDeliveries++;
                // Without bounceProcessor RemoteDelivery bounces by itself, with the whole message, to any sender.
                assertThat(parameter(mailet, "bounceProcessor")).as("RemoteDelivery in %s", sample).isIn(states);
            }
        }
        assertThat(remoteDeliveries).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "annotate"})
    void theHeaderBoundsShouldBeTheFirstMessageHookOfEverySmtpServer(String sample) throws Exception {
        NodeList chains = parse(sample, "smtpserver.xml").getElementsByTagName("handlerchain");

        assertThat(chains.getLength()).isEqualTo(3);
        for (int i = 0; i < chains.getLength(); i++) {
            NodeList handlers = ((Element) chains.item(i)).getElementsByTagName("handler");
            String firstMessageHook = null;
            for (int h = 0; h < handlers.getLength() && firstMessageHook == null; h++) {
                String name = ((Element) handlers.item(h)).getAttribute("class");
                if (name.startsWith("org.tracewall.") && org.apache.james.smtpserver.JamesMessageHook.class.isAssignableFrom(Class.forName(name))) {
                    firstMessageHook = name;
                }
            }
            assertThat(firstMessageHook).as("first message hook of chain %d in %s", i, sample)
                .isEqualTo("org.tracewall.james.smtp.HeaderLimitsHook");
        }
    }

    private static List<Element> bounceMailets(String sample) throws Exception {
        NodeList mailets = parse(sample, "mailetcontainer.xml").getElementsByTagName("mailet");
        List<Element> bounces = new ArrayList<>();
        for (int i = 0; i < mailets.getLength(); i++) {
            Element mailet = (Element) mailets.item(i);
            String name = mailet.getAttribute("class");
            if (name.equals("Bounce") || name.equals("DSNBounce") || name.endsWith(".Bounce") || name.endsWith(".DSNBounce")) {
                bounces.add(mailet);
            }
        }
        return bounces;
    }

    private static String parameter(Element mailet, String name) {
        NodeList values = mailet.getElementsByTagName(name);
        return values.getLength() == 0 ? "(default: the whole message)" : values.item(0).getTextContent().trim();
    }

    private static org.w3c.dom.Document parse(String sample, String file) throws Exception {
        try (InputStream in = new ByteArrayInputStream(sampleFile(sample, file).getBytes(StandardCharsets.UTF_8))) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static String sampleFile(String sample, String name) throws IOException {
        try (InputStream in = SampleBouncesTest.class.getResourceAsStream("/tracewall-conf/" + sample + "/" + name)) {
            assertThat(in).as("sample file %s/%s", sample, name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
