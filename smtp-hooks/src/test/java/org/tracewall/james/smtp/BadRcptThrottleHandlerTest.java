package org.tracewall.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;
import org.tracewall.james.testing.FakeDomainList;

/** James's unknown-user check plus the harvest throttle, for tracewall.local with the mailboxes bob and alice. */
class BadRcptThrottleHandlerTest {
    private static final MaybeSender SENDER = MaybeSender.nullSender();

    private static BadRcptThrottleHandler handler(String... keysAndValues) throws Exception {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.addProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        // No recipient rewrite table: James's in-memory one is not on this module's class path, and
        // aliases are ValidRcptHandler's own business.
        BadRcptThrottleHandler handler = new BadRcptThrottleHandler(FakeUsersRepository.mailboxes("bob", "alice"), null, new FakeDomainList());
        handler.init(config);
        handler.setSupportsRecipientRewriteTable(false);
        return handler;
    }

    private static MailAddress address(String address) throws Exception {
        return new MailAddress(address);
    }

    @Test
    void initShouldRefuseAThrottleOfZero() {
        assertThatThrownBy(() -> handler("maxBadRecipients", "0"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("BadRcptThrottleHandler: Invalid value for '<maxBadRecipients>': '0' (expected an integer from 1 to 100000)");
    }

    @Test
    void initShouldRefuseAMisspeltElement() {
        assertThatThrownBy(() -> handler("maxBadRecipient", "3"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("BadRcptThrottleHandler: unknown element(s) <maxBadRecipient> (known: maxBadRecipients, enableRecipientRewriteTable)");
    }

    @Test
    void initShouldTakeValidRcptHandlersOwnElement() throws Exception {
        BadRcptThrottleHandler handler = handler("enableRecipientRewriteTable", "false");

        assertThat(handler.doRcpt(new FakeSession("192.0.2.9"), SENDER, address("bob@tracewall.local"))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doRcptShouldRefuseAnUnknownLocalRecipientWith550() throws Exception {
        HookResult result = handler().doRcpt(new FakeSession("192.0.2.9"), SENDER, address("nobody@tracewall.local"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
    }

    @Test
    void doRcptShouldLeaveKnownAndRemoteRecipientsToTheNextHooks() throws Exception {
        BadRcptThrottleHandler handler = handler();
        FakeSession session = new FakeSession("192.0.2.9");

        assertThat(handler.doRcpt(session, SENDER, address("bob@tracewall.local"))).isEqualTo(HookResult.DECLINED);
        assertThat(handler.doRcpt(session, SENDER, address("nobody@example.test"))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doRcptShouldDisconnectAtTheLimitOfUnknownRecipients() throws Exception {
        BadRcptThrottleHandler handler = handler("maxBadRecipients", "3");
        FakeSession session = new FakeSession("192.0.2.9");
        assertThat(handler.doRcpt(session, SENDER, address("a@tracewall.local")).getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(handler.doRcpt(session, SENDER, address("b@tracewall.local")).getResult()).isEqualTo(HookReturnCode.deny());

        HookResult result = handler.doRcpt(session, SENDER, address("c@tracewall.local"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT));
        assertThat(result.getSmtpRetCode()).isEqualTo("421");
        assertThat(result.getSmtpDescription()).isEqualTo("4.7.0 Too many unknown recipients (3); closing the connection");
    }

    @Test
    void unknownRecipientsShouldCountAcrossTransactionsOfOneConnectionOnly() throws Exception {
        BadRcptThrottleHandler handler = handler("maxBadRecipients", "2");
        FakeSession session = new FakeSession("192.0.2.9");
        handler.doRcpt(session, SENDER, address("a@tracewall.local"));
        session.endTransaction();

        assertThat(handler.doRcpt(session, SENDER, address("b@tracewall.local")).getSmtpRetCode()).isEqualTo("421");
        assertThat(handler.doRcpt(new FakeSession("192.0.2.9"), SENDER, address("b@tracewall.local")).getSmtpRetCode()).isEqualTo("550");
    }

    @Test
    void knownRecipientsShouldNotCount() throws Exception {
        BadRcptThrottleHandler handler = handler("maxBadRecipients", "2");
        FakeSession session = new FakeSession("192.0.2.9");
        handler.doRcpt(session, SENDER, address("bob@tracewall.local"));
        handler.doRcpt(session, SENDER, address("alice@tracewall.local"));

        assertThat(handler.doRcpt(session, SENDER, address("a@tracewall.local")).getSmtpRetCode()).isEqualTo("550");
    }

    @Test
    void postmasterOfALocalDomainShouldBeAcceptedWithoutAMailboxAndNotCount() throws Exception {
        BadRcptThrottleHandler handler = handler("maxBadRecipients", "1");
        FakeSession session = new FakeSession("192.0.2.9");

        assertThat(handler.doRcpt(session, SENDER, address("postmaster@tracewall.local"))).isEqualTo(HookResult.DECLINED);
        assertThat(handler.doRcpt(session, SENDER, address("PostMaster@tracewall.local"))).isEqualTo(HookResult.DECLINED);
        assertThat(session.getAttachment(BadRcptThrottleHandler.BAD_RECIPIENTS, ProtocolSession.State.Connection))
            .isEmpty();
    }
}
