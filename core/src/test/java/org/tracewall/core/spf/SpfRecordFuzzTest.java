package org.tracewall.core.spf;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer: any SPF record text either parses or is a {@link SpfSyntaxException} (a permerror),
 * never another exception. In CI the regression inputs run; JAZZER_FUZZ=1 fuzzes for real.
 */
class SpfRecordFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parseShouldOnlyFailWithASyntaxError(FuzzedDataProvider data) {
        String record = "v=spf1 " + data.consumeRemainingAsString();
        try {
            SpfRecord.parse(record);
        } catch (SpfSyntaxException e) {
            // a permerror: the expected answer to a broken record
        }
    }
}
