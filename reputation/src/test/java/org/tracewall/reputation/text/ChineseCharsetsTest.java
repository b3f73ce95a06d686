package org.tracewall.reputation.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracewall.reputation.Messages;
import org.tracewall.reputation.bayes.BayesFilter;
import org.tracewall.reputation.bayes.BayesModel;

/** Chinese mail as it arrives: GB2312, GBK, GB18030, Big5, UTF-8, undeclared, and labels that lie. */
class ChineseCharsetsTest {
    private static final String SIMPLIFIED = "本公司长期代开各类发票，税点优惠，联系电话请来信";
    private static final String TRADITIONAL = "本公司長期代開各類發票，稅點優惠，聯繫電話請來信";

    static Stream<Arguments> encodings() {
        Charset gb2312 = Charset.forName("GB2312");
        Charset gbk = Charset.forName("GBK");
        Charset gb18030 = Charset.forName("GB18030");
        Charset big5 = Charset.forName("Big5");
        return Stream.of(
            Arguments.of("declared gb2312", SIMPLIFIED, gb2312, "gb2312"),
            Arguments.of("declared gbk", SIMPLIFIED, gbk, "GBK"),
            Arguments.of("declared gb18030", SIMPLIFIED, gb18030, "gb18030"),
            Arguments.of("declared big5", TRADITIONAL, big5, "big5"),
            Arguments.of("declared utf-8", SIMPLIFIED, StandardCharsets.UTF_8, "utf-8"),
            Arguments.of("undeclared gb18030", SIMPLIFIED, gb18030, null),
            Arguments.of("undeclared big5", TRADITIONAL, big5, null),
            Arguments.of("undeclared utf-8", SIMPLIFIED, StandardCharsets.UTF_8, null),
            Arguments.of("gbk labelled iso-8859-1", SIMPLIFIED, gbk, "iso-8859-1"),
            Arguments.of("gbk labelled utf-8", SIMPLIFIED, gbk, "utf-8"),
            Arguments.of("utf-8 labelled gb2312", SIMPLIFIED, StandardCharsets.UTF_8, "gb2312"),
            Arguments.of("unknown label", SIMPLIFIED, gb18030, "x-no-such-charset"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void extractShouldDecodeTheChineseText(String name, String text, Charset encoding, String label) {
        MessageText extracted = MessageTextExtractor.extract(Messages.plain("test", text, encoding, label));
        assertThat(extracted.body()).contains(text);
    }

    @Test
    void aLyingLabelShouldBeRecordedAsAStructureToken() {
        MessageText extracted = MessageTextExtractor.extract(Messages.plain("t", SIMPLIFIED, Charset.forName("GBK"), "iso-8859-1"));
        assertThat(extracted.structure()).contains("charset-lied", "charset:gb18030");
    }

    @Test
    void aRawEightBitChineseSubjectShouldBeDecoded() {
        byte[] raw = Messages.plain(new String("会议纪要".getBytes(Charset.forName("GB18030")), StandardCharsets.ISO_8859_1), "x",
            StandardCharsets.US_ASCII, "us-ascii");
        assertThat(MessageTextExtractor.extract(raw).subject()).isEqualTo("会议纪要");
    }

    @Test
    void theFilterShouldLearnInOneCharsetAndRecogniseInAnother() {
        BayesFilter filter = new BayesFilter(new BayesModel(), Tokenizer.standard());
        String[] spam = {"代开发票", "税点优惠", "联系电话", "正规发票", "增值税发票", "优惠代理"};
        String[] ham = {"会议纪要", "项目进度", "明天开会", "周报附件", "请审阅文档", "午饭一起"};
        for (int i = 0; i < 25; i++) {
            filter.learn(Messages.plain("s" + i, "本公司" + spam[i % 6] + "，" + spam[(i + 1) % 6] + "，欢迎来电" + i,
                Charset.forName("GB2312"), "gb2312"), true);
            filter.learn(Messages.plain("h" + i, "大家好，" + ham[i % 6] + "，" + ham[(i + 2) % 6] + "，谢谢" + i,
                StandardCharsets.UTF_8, "utf-8"), false);
        }
        double spamScore = filter.spamProbability(Messages.plain("x", "本公司代开发票，增值税发票，联系电话", Charset.forName("GB18030"), null));
        double hamScore = filter.spamProbability(Messages.plain("y", "大家好，明天开会，请审阅文档", Charset.forName("GBK"), "iso-8859-1"));
        assertThat(spamScore).isGreaterThan(BayesFilter.SPAM_CUTOFF);
        assertThat(hamScore).isLessThan(BayesFilter.HAM_CUTOFF);
    }
}
