package org.tracewall.james.testing;

import java.util.stream.Stream;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.rrt.api.CanSendFrom;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;

/** James's sender check with no aliases: a user may send from their own address only. */
public final class OwnAddressOnly implements CanSendFrom {
    @Override
    public boolean userCanSendFrom(Username user, Username from) {
        return user.equals(from);
    }

    @Override
    public Publisher<Boolean> userCanSendFromReactive(Username user, Username from) {
        return Mono.just(userCanSendFrom(user, from));
    }

    @Override
    public Stream<MailAddress> allValidFromAddressesForUser(Username user) {
        return Stream.empty();
    }
}
