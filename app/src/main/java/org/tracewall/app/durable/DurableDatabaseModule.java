package org.tracewall.app.durable;

import java.io.File;
import java.io.FileNotFoundException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import javax.inject.Singleton;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/**
 * The embedded database (Apache Derby through OpenJPA, persistence unit {@code Global} of this
 * jar's {@code META-INF/persistence.xml}) that holds users, domains, aliases, mailboxes and the
 * list of mail repositories. By default under {@code <working directory>/var/store/derby}: James's
 * sample URL ({@code jdbc:derby:../var/store/derby}) is relative to the process's current directory,
 * which a launcher does not control. {@code conf/james-database.properties}, when present, may set
 * {@code database.driverClassName}, {@code database.url}, {@code database.username},
 * {@code database.password} and any {@code openjpa.*} property, as in James's JPA app.
 */
public final class DurableDatabaseModule extends AbstractModule {
    static final String DEFAULT_DRIVER = "org.apache.derby.jdbc.EmbeddedDriver";

    @Provides
    @Singleton
    EntityManagerFactory entityManagerFactory(PropertiesProvider properties, FileSystem fileSystem)
        throws FileNotFoundException, ConfigurationException {
        Configuration database = databaseProperties(properties);
        File derby = fileSystem.getFile("file://var/store/derby");
        if (System.getProperty("derby.stream.error.file") == null) {
            // Derby's own log, otherwise written to the current directory.
            System.setProperty("derby.stream.error.file", new File(derby.getParentFile(), "derby.log").getAbsolutePath());
        }
        Map<String, String> jpa = new HashMap<>();
        jpa.put("openjpa.ConnectionDriverName", database.getString("database.driverClassName", DEFAULT_DRIVER));
        jpa.put("openjpa.ConnectionURL", database.getString("database.url", "jdbc:derby:" + derby.getAbsolutePath() + ";create=true"));
        putIfSet(jpa, "openjpa.ConnectionUserName", database.getString("database.username", null));
        putIfSet(jpa, "openjpa.ConnectionPassword", database.getString("database.password", null));
        jpa.put("openjpa.Multithreaded", "true");
        // The entities in James's jars are enhanced at build time: never try to attach an agent (JDK 17 refuses).
        jpa.put("openjpa.DynamicEnhancementAgent", "false");
        jpa.put("openjpa.Log", "slf4j");
        for (Iterator<String> keys = database.getKeys("openjpa"); keys.hasNext();) {
            String key = keys.next();
            jpa.put(key, database.getString(key));
        }
        return Persistence.createEntityManagerFactory("Global", jpa);
    }

    private static Configuration databaseProperties(PropertiesProvider properties) throws ConfigurationException {
        try {
            return properties.getConfiguration("james-database");
        } catch (FileNotFoundException e) {
            return new BaseConfiguration();
        }
    }

    private static void putIfSet(Map<String, String> jpa, String key, String value) {
        if (value != null) {
            jpa.put(key, value);
        }
    }
}
