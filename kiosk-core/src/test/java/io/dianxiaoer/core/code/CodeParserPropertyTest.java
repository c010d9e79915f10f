package io.dianxiaoer.core.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.code.ScannedPayload.AppointmentCheckIn;
import io.dianxiaoer.core.code.ScannedPayload.LockerPickup;
import io.dianxiaoer.core.code.ScannedPayload.SuishenCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** No input makes the parser throw; valid codes round-trip; one changed character never passes. */
class CodeParserPropertyTest {

    private static final Instant NOW = CodeParserTest.NOW;
    private static final CodeParser PARSER = new CodeParser(CodePolicy.DEFAULT);

    @Property(tries = 1500)
    void anyStringGetsAnAnswerAndNoException(@ForAll @StringLength(max = 600) String s) {
        CodeParseResult r = PARSER.parse(s, NOW);
        assertThat(r.accepted() || r.refusal().isPresent()).isTrue();
        r.refusal().ifPresent(rej -> assertThat(rej.en()).isNotBlank());
    }

    @Property(tries = 1500)
    void knownPrefixesWithJunkNeverThrow(@ForAll("prefixed") String s) {
        CodeParseResult r = PARSER.parse(s, NOW);
        assertThat(r.accepted() || r.refusal().isPresent()).isTrue();
    }

    @Provide
    Arbitrary<String> prefixed() {
        Arbitrary<String> junk = Arbitraries.strings().withChars("0123456789ABCXYZ:/.@%?#- ").ofMaxLength(90);
        Arbitrary<String> prefix = Arbitraries.of("SSM1:", "SSM1:H:", "SSM1:L:", "APT1:", "LKR1:", "https://",
                "HTTPS://", "http://", "SSM9:", "https://zwdt.sh.gov.cn", "javascript:");
        return Arbitraries.strings().ofLength(0).flatMap(e -> prefix).flatMap(p -> junk.map(j -> p + j));
    }

    @Property(tries = 1500)
    void validCodesRoundTripAndAnyOneCharacterChangeIsCaught(
            @ForAll @IntRange(min = 1, max = 86_000) int secondsAhead,
            @ForAll @StringLength(min = 16, max = 64) @net.jqwik.api.constraints.Chars({'0', '1', '2', '3', '4', '5',
                    '6', '7', '8', '9', 'A', 'K', 'M', 'Q', 'X', 'Z'}) String token,
            @ForAll @IntRange(min = 0, max = 1000) int position,
            @ForAll @IntRange(min = 0, max = 35) int replacement,
            @ForAll @IntRange(min = 0, max = 2) int which) {
        String payload = switch (which) {
            case 0 -> new SuishenCode(CodeKind.SUISHEN_CODE, NOW.plusSeconds(secondsAhead), token).payload();
            case 1 -> new AppointmentCheckIn(LocalDate.of(2026, 1, 1).plusDays(secondsAhead % 900), "310115",
                    LocalTime.of(secondsAhead % 24, secondsAhead % 60), 1 + secondsAhead % 9999).payload();
            default -> new LockerPickup(token.substring(0, 2 + secondsAhead % 7),
                    String.format("%08d", secondsAhead * 97L % 100_000_000)).payload();
        };
        assertThat(PARSER.parse(payload, NOW).accepted()).as(payload).isTrue();

        int at = position % payload.length();
        char original = payload.charAt(at);
        char c = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".charAt(replacement);
        if (c == original || original == ':' || at < 5) {
            return;
        }
        String changed = payload.substring(0, at) + c + payload.substring(at + 1);
        assertThat(PARSER.parse(changed, NOW).accepted()).as("changed %s → %s", payload, changed).isFalse();
    }
}
