package org.apache.james;

import java.util.Set;

import javax.inject.Singleton;

import org.apache.james.jmap.draft.JMAPModule;
import org.apache.james.lifecycle.api.StartUpCheck;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/**
 * James's start-up checks without the JMAP one, for the durable server. The memory server's module
 * set always installs JMAP (off unless jmap.properties enables it), and its check refuses to start
 * on a mailbox without ACL and message-id support, which James's JPA mailbox lacks (James's JPA app
 * has no JMAP). In James's package because {@link StartUpChecksPerformer} is built from a set of
 * checks only there.
 */
public final class StartUpChecksWithoutJmapModule extends AbstractModule {
    @Provides
    @Singleton
    StartUpChecksPerformer startUpChecks(Set<StartUpCheck> checks) {
        return StartUpChecksPerformer.from(checks.stream()
            .filter(check -> !check.checkName().equals(JMAPModule.RequiredCapabilitiesStartUpCheck.CHECK_NAME))
            .toArray(StartUpCheck[]::new));
    }
}
