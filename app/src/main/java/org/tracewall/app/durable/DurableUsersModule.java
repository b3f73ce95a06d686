package org.tracewall.app.durable;

import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.jpa.JPAUsersRepository;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * Users (and their password hashes) in the embedded database, configured from
 * {@code usersrepository.xml} as James's JPA app does. Not installed when that file points to LDAP.
 */
public final class DurableUsersModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(JPAUsersRepository.class).in(Scopes.SINGLETON);
        bind(UsersRepository.class).to(JPAUsersRepository.class);
    }

    @ProvidesIntoSet
    InitializationOperation configureUsers(ConfigurationProvider configuration, JPAUsersRepository users) {
        return InitilizationOperationBuilder.forClass(JPAUsersRepository.class).init(() -> {
            users.configure(configuration.getConfiguration("usersrepository"));
            users.init();
        });
    }
}
