package org.tracewall.it.load;

/**
 * What the load sends, by message number: ham from traced senders (most), tagged, quarantined
 * and refused spam from traced senders (content rules), untraceable senders (SPF fail: 550 at
 * MAIL FROM), and senders with SPF neutral (not traced: greylisted, 451).
 */
enum MessageMix {
    HAM, TAGGED, QUARANTINED, REFUSED, UNTRACEABLE, GREYLISTED;

    static MessageMix of(int i) {
        switch (i % 20) {
            case 12:
            case 13:
                return TAGGED;
            case 14:
            case 15:
                return QUARANTINED;
            case 16:
                return REFUSED;
            case 17:
            case 18:
                return UNTRACEABLE;
            case 19:
                return GREYLISTED;
            default:
                return HAM;
        }
    }

    String senderDomain() {
        switch (this) {
            case UNTRACEABLE:
                return "forged.load.test";
            case GREYLISTED:
                return "neutral.load.test";
            default:
                return "sender.load.test";
        }
    }

    String subject(int i) {
        switch (this) {
            case TAGGED:
                return "load-tag offer " + i;
            case QUARANTINED:
                return "load-quarantine offer " + i;
            case REFUSED:
                return "load-refuse offer " + i;
            default:
                return "report " + i;
        }
    }
}
