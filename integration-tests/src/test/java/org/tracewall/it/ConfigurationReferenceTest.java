package org.tracewall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.junit.jupiter.api.Test;
import org.tracewall.core.config.OptionReference;
import org.tracewall.core.config.OptionSection;
import org.tracewall.engine.TracewallOptions;

/**
 * {@code docs/configuration.md} is made from the option declarations: the keys of
 * tracewall.properties and the elements of every Tracewall SMTP handler, each declared once in
 * code. A declaration changed without the document fails here; run this test with
 * {@code -Dtracewall.updateDocs=true} to write the generated parts again.
 */
class ConfigurationReferenceTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOC = ROOT.resolve("docs/configuration.md");
    private static final String HOOKS = "org.tracewall.james.smtp";

    @Test
    void theReferenceShouldBeWhatTheDeclarationsSay() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String generated = splice(splice(doc, "properties", TracewallOptions.reference()), "handlers", handlers());
        if (Boolean.getBoolean("tracewall.updateDocs")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
            doc = generated;
        }

        assertThat(doc).as("docs/configuration.md is generated: run ConfigurationReferenceTest with -Dtracewall.updateDocs=true")
            .isEqualTo(generated);
    }

    @Test
    void everyTracewallHandlerShouldDeclareItsElements() throws Exception {
        assertThat(handlerClasses()).hasSizeGreaterThan(15).allSatisfy(handler -> assertThat(parameters(handler))
            .as(handler.getSimpleName() + ".PARAMETERS").isNotNull());
    }

    private static String handlers() throws Exception {
        StringBuilder md = new StringBuilder();
        for (Class<?> handler : handlerClasses()) {
            md.append(OptionReference.markdown(parameters(handler), "`" + handler.getName() + "`"));
        }
        return md.toString();
    }

    private static OptionSection parameters(Class<?> handler) throws IllegalAccessException {
        try {
            Field field = handler.getField("PARAMETERS");
            return Modifier.isStatic(field.getModifiers()) ? (OptionSection) field.get(null) : null;
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    /** The public, concrete SMTP handlers of the hooks module, by name. */
    private static List<Class<?>> handlerClasses() throws IOException, ClassNotFoundException {
        List<Class<?>> handlers = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("smtp-hooks/src/main/java").resolve(HOOKS.replace('.', '/')))) {
            for (String name : files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".java")).sorted()
                .map(f -> f.substring(0, f.length() - ".java".length())).collect(Collectors.toList())) {
                Class<?> type = Class.forName(HOOKS + "." + name);
                if (ProtocolHandler.class.isAssignableFrom(type) && Modifier.isPublic(type.getModifiers())
                    && !Modifier.isAbstract(type.getModifiers()) && !type.isInterface()) {
                    handlers.add(type);
                }
            }
        }
        return handlers;
    }

    /** {@code doc} with the text between its markers of {@code block} replaced by {@code content}. */
    private static String splice(String doc, String block, String content) {
        String begin = "<!-- generated:" + block + " -->\n";
        String end = "<!-- /generated:" + block + " -->";
        int from = doc.indexOf(begin);
        int to = doc.indexOf(end);
        assertThat(from).as(DOC + " has the marker " + begin.trim()).isNotNegative();
        assertThat(to).as(DOC + " has the marker " + end).isGreaterThan(from);
        return doc.substring(0, from + begin.length()) + content + doc.substring(to);
    }
}
