package org.tracewall.james.smtp;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.model.User;
import org.reactivestreams.Publisher;

/** James's users from memory, read only (the in-memory repository is not on this module's class path). */
final class FakeUsersRepository implements UsersRepository {
    /** Each user's password; null for a mailbox that cannot log in. */
    private final Map<Username, String> passwords = new LinkedHashMap<>();

    private FakeUsersRepository() {
    }

    /** One account, {@code user}, that logs in with {@code password}. */
    static FakeUsersRepository oneUser(Username user, String password) {
        FakeUsersRepository users = new FakeUsersRepository();
        users.passwords.put(user, password);
        return users;
    }

    /** The mailboxes {@code localPart@tracewall.local}, with no password to log in with. */
    static FakeUsersRepository mailboxes(String... localParts) {
        FakeUsersRepository users = new FakeUsersRepository();
        for (String local : localParts) {
            users.passwords.put(Username.of(local + "@tracewall.local"), null);
        }
        return users;
    }

    @Override
    public boolean test(Username name, String attempt) {
        String password = passwords.get(name);
        return password != null && password.equals(attempt);
    }

    @Override
    public boolean contains(Username name) {
        return passwords.containsKey(name);
    }

    @Override
    public boolean supportVirtualHosting() {
        return true;
    }

    @Override
    public void addUser(Username name, String password) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public User getUserByName(Username name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void updateUser(User user) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public void removeUser(Username name) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public Publisher<Boolean> containsReactive(Username name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int countUsers() {
        return passwords.size();
    }

    @Override
    public Iterator<Username> list() {
        return passwords.keySet().iterator();
    }

    @Override
    public Publisher<Username> listReactive() {
        throw new UnsupportedOperationException();
    }

    @Override
    public MailAddress getMailAddressFor(Username name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isAdministrator(Username name) {
        return false;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }
}
