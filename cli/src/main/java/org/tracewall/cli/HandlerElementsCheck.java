package org.tracewall.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The Tracewall handlers of an smtpserver.xml, checked as James will check them at start, without
 * James's classes: each {@code <handler class="org.tracewall...">} must be a handler Tracewall has,
 * and each of its child elements one it takes. The elements come from {@code handler-elements.properties},
 * which is generated from every handler's declared parameters (ConfigurationReferenceTest keeps it
 * in step), so a misspelt {@code <untracable>} is named here, before a start.
 */
final class HandlerElementsCheck {
    private static final String TRACEWALL = "org.tracewall.";
    private static final Map<String, Set<String>> ELEMENTS = load();

    private HandlerElementsCheck() {
    }

    /** What is wrong with the Tracewall handlers of the file, one line each; empty when nothing is. */
    static List<String> problems(Path smtpserverXml) throws IOException {
        List<String> problems = new ArrayList<>();
        NodeList handlers = parse(smtpserverXml).getElementsByTagName("handler");
        for (int i = 0; i < handlers.getLength(); i++) {
            Element handler = (Element) handlers.item(i);
            String type = handler.getAttribute("class");
            if (!type.startsWith(TRACEWALL)) {
                continue;
            }
            Set<String> known = ELEMENTS.get(type);
            if (known == null) {
                problems.add("<handler class=\"" + type + "\">: Tracewall has no such handler (known: " + String.join(", ",
                    new TreeSet<>(ELEMENTS.keySet())) + ")");
                continue;
            }
            for (Node child = handler.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element && !known.contains(child.getNodeName())) {
                    problems.add("<handler class=\"" + type + "\">: unknown element <" + child.getNodeName() + "> (known: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
                }
            }
        }
        return problems;
    }

    private static Element parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // A configuration file has no business with a DTD or outside entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newDocumentBuilder().parse(in).getDocumentElement();
        } catch (SAXException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refuses a standard feature", e);
        }
    }

    private static Map<String, Set<String>> load() {
        Properties properties = new Properties();
        try (InputStream in = HandlerElementsCheck.class.getResourceAsStream("handler-elements.properties")) {
            if (in == null) {
                throw new IllegalStateException("handler-elements.properties is missing from the tracewall command's jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<String>> elements = new LinkedHashMap<>();
        for (String type : properties.stringPropertyNames()) {
            String names = properties.getProperty(type).trim();
            elements.put(type, names.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(names.split(","))));
        }
        return elements;
    }
}
