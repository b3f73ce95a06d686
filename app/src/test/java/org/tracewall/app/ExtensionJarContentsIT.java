package org.tracewall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The operator's jar may only hold Tracewall's own classes and relocated copies of what James
 * lacks. James loads extension jars parent-first, so a bundled, unrelocated copy of a library
 * James ships would be silently shadowed (or clash in a distributed James).
 */
class ExtensionJarContentsIT {
    private static final Path JAR = Path.of(System.getProperty("tracewall.app.dir", "target"), "ext", "tracewall-extension.jar");

    @Test
    void everyClassShouldBeTracewallsOrRelocatedUnderIt() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> classes = jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
                .collect(Collectors.toList());
            assertThat(classes).isNotEmpty();
            assertThat(classes).allMatch(n -> n.startsWith("org/tracewall/"), "under org/tracewall/");
            assertThat(classes).filteredOn(n -> n.startsWith("org/tracewall/testing/")).isEmpty();
        }
    }

    @Test
    void theJarShouldCarryTheMailetsAndTheGuiceModuleNamedInTheSamples() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getEntry("org/tracewall/james/TracewallRuntime.class")).isNotNull();
            assertThat(jar.getEntry("org/tracewall/james/mailets/AddTracewallStamp.class")).isNotNull();
            // What James lacks is bundled, relocated; what James ships (Netty, Reactor) is not.
            assertThat(jar.getEntry("org/tracewall/shaded/io/lettuce/core/RedisClient.class")).isNotNull();
            assertThat(jar.getEntry("org/tracewall/shaded/org/h2/mvstore/MVStore.class")).isNotNull();
            assertThat(jar.stream().map(e -> e.getName())).noneMatch(n -> n.contains("/io/netty/") || n.contains("reactor/core/"));
            assertThat(jar.getManifest().getMainAttributes().getValue("Implementation-Version")).isEqualTo("0.1.0-SNAPSHOT");
        }
    }
}
