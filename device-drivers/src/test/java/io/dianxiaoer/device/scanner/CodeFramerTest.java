package io.dianxiaoer.device.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.device.scanner.CodeFramer.DropReason;
import io.dianxiaoer.device.scanner.CodeFramer.Result;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeFramerTest {

    private static final long MS = 1_000_000L;

    static CodeFramer framer(Terminator t, String prefix, String suffix, int max) {
        return new CodeFramer(t, prefix.getBytes(StandardCharsets.ISO_8859_1), suffix.getBytes(StandardCharsets.ISO_8859_1),
                max, 500 * MS);
    }

    static List<String> feed(CodeFramer f, String bytes, long at) {
        byte[] b = bytes.getBytes(StandardCharsets.ISO_8859_1);
        f.feed(b, 0, b.length, at);
        return drain(f);
    }

    static List<String> drain(CodeFramer f) {
        List<String> out = new ArrayList<>();
        Result r;
        while ((r = f.next()) != null) {
            if (r instanceof Result.Code c) {
                out.add(new String(c.bytes(), StandardCharsets.ISO_8859_1));
            } else {
                out.add("!" + ((Result.Dropped) r).reason());
            }
        }
        return out;
    }

    @Test
    void eachTerminatorStyle() {
        assertThat(feed(framer(Terminator.CR, "", "", 64), "ABC\rDEF\r", 0)).containsExactly("ABC", "DEF");
        assertThat(feed(framer(Terminator.CR, "", "", 64), "ABC\nDEF\r", 0)).containsExactly("ABC\nDEF");
        assertThat(feed(framer(Terminator.LF, "", "", 64), "ABC\nDEF\n", 0)).containsExactly("ABC", "DEF");
        assertThat(feed(framer(Terminator.CR_LF, "", "", 64), "ABC\r\nD\rE\r\n", 0)).containsExactly("ABC", "D\rE");
        assertThat(feed(framer(Terminator.ANY_LINE_END, "", "", 64), "ABC\r\nDEF\rGHI\n\n\r", 0))
                .containsExactly("ABC", "DEF", "GHI");
    }

    @Test
    void aCodeSplitAcrossReadsIsJoined() {
        CodeFramer f = framer(Terminator.CR_LF, "", "", 64);
        assertThat(feed(f, "HEL", 0)).isEmpty();
        assertThat(f.hasPartial()).isTrue();
        assertThat(feed(f, "LO\r", 10 * MS)).isEmpty();
        assertThat(feed(f, "\n", 20 * MS)).containsExactly("HELLO");
        assertThat(f.hasPartial()).isFalse();
    }

    @Test
    void prefixAndSuffixAreCheckedAndStripped() {
        CodeFramer f = framer(Terminator.CR, "\u0002", "\u0003", 64);
        assertThat(feed(f, "\u0002CODE\u0003\r", 0)).containsExactly("CODE");
        assertThat(feed(f, "CODE\u0003\r", 0)).containsExactly("!NO_PREFIX");
        assertThat(feed(f, "\u0002CODE\r", 0)).containsExactly("!NO_SUFFIX");
        // noise before the prefix is dropped and counted
        byte[] b = "zz\u0002CODE\u0003\r".getBytes(StandardCharsets.ISO_8859_1);
        f.feed(b, 0, b.length, 0);
        Result.Code c = (Result.Code) f.next();
        assertThat(new String(c.bytes(), StandardCharsets.ISO_8859_1)).isEqualTo("CODE");
        assertThat(c.noiseBytes()).isEqualTo(2);
        assertThat(feed(f, "\u0002\u0003\r", 0)).isEmpty();
    }

    @Test
    void aHalfCodeTimesOutAndTheNextCodeIsIntact() {
        CodeFramer f = framer(Terminator.CR, "", "", 64);
        assertThat(feed(f, "HALF-CO", 0)).isEmpty();
        f.tick(400 * MS);
        assertThat(drain(f)).isEmpty();
        f.tick(501 * MS);
        assertThat(drain(f)).containsExactly("!TIMED_OUT");
        assertThat(feed(f, "WHOLE\r", 2000 * MS)).containsExactly("WHOLE");
        // a late byte after a long gap starts a new code rather than joining the stale one
        assertThat(feed(f, "OLD", 3000 * MS)).isEmpty();
        assertThat(feed(f, "NEW\r", 4000 * MS)).containsExactly("!TIMED_OUT", "NEW");
    }

    @Test
    void aSlowTrickleWithinTheGapIsStillOneCode() {
        CodeFramer f = framer(Terminator.CR, "", "", 64);
        String code = "SLOWLY-ARRIVING";
        long t = 0;
        for (char ch : code.toCharArray()) {
            assertThat(feed(f, String.valueOf(ch), t)).isEmpty();
            t += 400 * MS; // 6 s in all, each gap under the limit
        }
        assertThat(feed(f, "\r", t)).containsExactly(code);
    }

    @Test
    void anOverlongCodeIsDroppedWithItsTail() {
        CodeFramer f = framer(Terminator.CR, "", "", 8);
        assertThat(feed(f, "12345678\r", 0)).containsExactly("12345678");
        assertThat(feed(f, "123456789ABCDEF\rNEXT\r", 0)).containsExactly("!TOO_LONG", "NEXT");
        CodeFramer g = framer(Terminator.CR_LF, "<", ">", 4);
        assertThat(feed(g, "<1234>\r\n", 0)).containsExactly("1234");
        assertThat(feed(g, "<12345>\r\n<OK>\r\n", 0)).containsExactly("!TOO_LONG", "OK");
        assertThat(feed(g, "<12345\r\n", 0)).containsExactly("!NO_SUFFIX");
    }

    @Test
    void statusRepliesAreRecognisedBeforeThePrefixRules() {
        CodeFramer f = new CodeFramer(Terminator.CR, "<".getBytes(StandardCharsets.ISO_8859_1),
                ">".getBytes(StandardCharsets.ISO_8859_1), 64, 500 * MS, "REVINF".getBytes(StandardCharsets.ISO_8859_1));
        byte[] b = "REVINF DXE-SIM 1.0\u0006.\r<CODE>\r".getBytes(StandardCharsets.ISO_8859_1);
        f.feed(b, 0, b.length, 0);
        assertThat(f.next()).isInstanceOfSatisfying(Result.Reply.class,
                r -> assertThat(new String(r.bytes(), StandardCharsets.ISO_8859_1)).startsWith("REVINF DXE-SIM"));
        assertThat(drain(f)).containsExactly("CODE");
        // a half code cut off by the reply: dropped, and the reply still recognised
        byte[] cut = "<HALF-COREVINF DXE-SIM\r".getBytes(StandardCharsets.ISO_8859_1);
        f.feed(cut, 0, cut.length, 0);
        assertThat(f.next()).isInstanceOfSatisfying(Result.Dropped.class,
                d -> assertThat(d.reason()).isEqualTo(CodeFramer.DropReason.INTERRUPTED));
        assertThat(f.next()).isInstanceOf(Result.Reply.class);
    }

    @Test
    void resetForgetsEverything() {
        CodeFramer f = framer(Terminator.CR, "", "", 64);
        feed(f, "PART", 0);
        byte[] b = "DONE\r".getBytes(StandardCharsets.ISO_8859_1);
        f.reset();
        f.feed(b, 0, b.length, 0);
        assertThat(drain(f)).containsExactly("DONE");
        assertThat(DropReason.TIMED_OUT.words()).contains("half-received");
    }
}
