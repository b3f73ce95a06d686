package org.tracewall.app.durable;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.StartUpChecksWithoutJmapModule;
import org.apache.james.data.UsersRepositoryModuleChooser;

import com.google.inject.Module;

/**
 * A James 3.8.1 server whose state survives a crash, composed from served artifacts: the memory
 * server's modules (protocols, mailets, WebAdmin, ...) with storage overridden by James's own JPA
 * (embedded Derby), ActiveMQ (KahaDB) and file mail repository implementations. All of it lives under
 * the working directory's {@code var/}.
 *
 * <p>JMAP cannot be enabled on it: James's JPA mailbox has no ACL or message-id support, which JMAP
 * requires (its start-up check is left out). Still in memory, as in James's JPA app, which has none of them durable either: vacation
 * replies, DLP rules, mailbox delegation, the deleted-message vault and JMAP state.
 */
public final class DurableServer {
    private DurableServer() {
    }

    public static GuiceJamesServer create(MemoryJamesConfiguration configuration) {
        List<Module> durable = new ArrayList<>(List.of(new DurableDatabaseModule(), new DurableDataModule(),
            new DurableMailboxModule(), new DurableQueueModule(), new StartUpChecksWithoutJmapModule()));
        if (configuration.getUsersRepositoryImplementation() == UsersRepositoryModuleChooser.Implementation.DEFAULT) {
            // usersrepository.xml naming an LDAP server keeps its users there.
            durable.add(new DurableUsersModule());
        }
        return MemoryJamesServerMain.createServer(configuration).overrideWith(durable);
    }
}
