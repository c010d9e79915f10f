package io.dianxiaoer.core.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.code.CodeRejection.Reason;
import io.dianxiaoer.core.code.ScannedPayload.AppointmentCheckIn;
import io.dianxiaoer.core.code.ScannedPayload.LockerPickup;
import io.dianxiaoer.core.code.ScannedPayload.SuishenCode;
import io.dianxiaoer.core.code.ScannedPayload.UnknownCode;
import io.dianxiaoer.core.code.ScannedPayload.WebLink;
import io.dianxiaoer.core.event.CodeScanned;
import io.dianxiaoer.core.session.IdlePolicy;
import io.dianxiaoer.core.session.SessionReducer;
import io.dianxiaoer.core.session.SessionState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodeParserTest {

    static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    static final CodeParser PARSER = new CodeParser(CodePolicy.DEFAULT);

    static final SuishenCode SUISHEN = new SuishenCode(CodeKind.SUISHEN_CODE, NOW.plusSeconds(300),
            "K7Q2M9XW4T8RZ3NB5VHC");
    static final SuishenCode LICENCE = new SuishenCode(CodeKind.E_LICENCE, NOW.plusSeconds(120),
            "0123456789ABCDEFGHIJKLMNOPQRSTUV");
    static final AppointmentCheckIn APPOINTMENT = new AppointmentCheckIn(LocalDate.of(2026, 11, 22), "310115",
            LocalTime.of(9, 30), 42);
    static final LockerPickup PICKUP = new LockerPickup("PD01", "58302917");

    private static CodeParseResult parse(String s) {
        return PARSER.parse(s, NOW);
    }

    private static CodeRejection rejected(String s) {
        CodeParseResult r = parse(s);
        assertThat(r.accepted()).as("refused: %s", s.length() > 80 ? s.substring(0, 80) + "…" : s).isFalse();
        CodeRejection rej = r.refusal().orElseThrow();
        assertThat(rej.zh()).isNotBlank();
        assertThat(rej.en()).isNotBlank();
        return rej;
    }

    // ---------------------------------------------------------------------------------- accepted

    @Test
    void eachKnownFormatIsClassifiedWithItsFields() {
        assertThat(SUISHEN.payload()).startsWith("SSM1:H:").hasSize(5 + 2 + 11 + 21 + 1);
        assertThat(parse(SUISHEN.payload()).value()).contains(SUISHEN);
        assertThat(parse(LICENCE.payload()).value()).contains(LICENCE);
        assertThat(parse(LICENCE.payload()).value().orElseThrow().kind()).isEqualTo(CodeKind.E_LICENCE);
        assertThat(APPOINTMENT.payload()).startsWith("APT1:20261122:310115:0930:0042:");
        assertThat(parse(APPOINTMENT.payload()).value()).contains(APPOINTMENT);
        assertThat(PICKUP.payload()).startsWith("LKR1:PD01:58302917:");
        assertThat(parse(PICKUP.payload()).value()).contains(PICKUP);
    }

    @Test
    void httpsLinksToAllowedHostsAreAccepted() {
        assertThat(parse("https://zwdt.sh.gov.cn/govPortals/item?id=310115").value().orElseThrow())
                .isInstanceOf(WebLink.class);
        assertThat(parse("HTTPS://ZWDT.SH.GOV.CN/").accepted()).isTrue();
        assertThat(parse("https://www.pudong.sh.gov.cn:443/a#b").accepted()).isTrue();
        assertThat(parse("https://www.gov.cn/").accepted()).isTrue();
    }

    @Test
    void printableTextOfNoKnownFormatIsUnknown() {
        assertThat(parse("6901234567892").value()).contains(new UnknownCode("6901234567892"));
        assertThat(parse("上海市浦东新区 便民服务").value().orElseThrow().kind()).isEqualTo(CodeKind.UNKNOWN);
        assertThat(parse("  6901234567892  ").value()).contains(new UnknownCode("6901234567892"));
        assertThat(parse("www.example.com").value().orElseThrow().kind()).isEqualTo(CodeKind.UNKNOWN);
    }

    // ---------------------------------------------------------------------------------- refused

    @Test
    void emptyAndBlank() {
        assertThat(rejected("").reason()).isEqualTo(Reason.EMPTY);
        assertThat(rejected("    ").reason()).isEqualTo(Reason.EMPTY);
        assertThat(PARSER.parse(null, NOW).refusal().orElseThrow().reason()).isEqualTo(Reason.EMPTY);
    }

    @Test
    void oversizedPayloadsAreRefusedWithTheirLength() {
        CodeRejection r = rejected("A".repeat(513));
        assertThat(r.reason()).isEqualTo(Reason.TOO_LONG);
        assertThat(r.en()).contains("513").contains("512");
        assertThat(r.zh()).contains("513").contains("512");
        // a huge one is refused by its length alone, without reading it
        assertThat(rejected("\u0000".repeat(1_000_000)).reason()).isEqualTo(Reason.TOO_LONG);
        assertThat(parse("A".repeat(512)).accepted()).isTrue();
        String longLink = "https://zwdt.sh.gov.cn/" + "a".repeat(500);
        assertThat(new CodeParser(new CodePolicy(1024, 256, CodePolicy.DEFAULT.allowedHosts(), Duration.ofHours(1)))
                .parse(longLink, NOW).refusal().orElseThrow().reason()).isEqualTo(Reason.TOO_LONG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc\u0000def", "abc\u0007", "\u001b[2J", "line\nbreak", "tab\there", "del\u007f",
            "c1\u0085", "bad \uFFFD bytes", "bidi \u202Eevil", "zero\u200Bwidth", "\uFEFFbom", "pua \uE000",
            "lone \uD800 surrogate", "lone \uDC00 low", "para\u2029sep", "unassigned \u0378"})
    void binaryAndInvisibleCharactersAreRefused(String s) {
        CodeRejection r = rejected(s);
        assertThat(r.reason()).isEqualTo(Reason.BINARY);
        assertThat(r.en()).contains("not text");
        assertThat(r.detail()).contains("position");
    }

    @Test
    void bytesDecodedFromBinaryAreRefused() {
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte) 0xFF};
        assertThat(rejected(new String(binary, StandardCharsets.UTF_8)).reason()).isEqualTo(Reason.BINARY);
        assertThat(rejected(new String(binary, StandardCharsets.ISO_8859_1)).reason()).isEqualTo(Reason.BINARY);
    }

    @Test
    void emojiAndChineseAreText() {
        assertThat(parse("办事指南 \uD83D\uDE00").accepted()).isTrue();
    }

    @Test
    void messagesNeverEchoThePayload() {
        String secret = "SSM1:H:" + (NOW.getEpochSecond() + 60) + ":SECRETTOKEN1234567:Z";
        CodeRejection r = rejected(secret);
        assertThat(r.zh() + r.en() + r.detail()).doesNotContain("SECRETTOKEN");
        assertThat(SUISHEN.toString()).doesNotContain(SUISHEN.token());
        assertThat(PICKUP.toString()).doesNotContain(PICKUP.pickupCode());
        assertThat(new UnknownCode("my secret").toString()).doesNotContain("secret");
        assertThat(new CodeScanned("scanner", SUISHEN.payload(), NOW).toString()).doesNotContain(SUISHEN.token());
    }

    @Test
    void suishenCodesMalformedDamagedOrExpired() {
        String good = SUISHEN.payload();
        String body = good.substring(0, good.length() - 1);
        char check = good.charAt(good.length() - 1);
        char wrong = check == 'A' ? 'B' : 'A';
        assertThat(rejected(body + wrong).reason()).isEqualTo(Reason.BAD_CHECKSUM);
        assertThat(rejected(body + wrong).zh()).contains("随申码");
        assertThat(rejected(good.replace("SSM1:H:", "SSM1:X:")).detail()).contains("kind letter");
        assertThat(rejected(good.toLowerCase()).detail()).contains("lower-case");
        assertThat(rejected("SSM1:H:123:ABCDEFGHIJKLMNOP:A").detail()).contains("expiry");
        assertThat(rejected("SSM1:H:1795000000:SHORT:A").detail()).contains("token");
        assertThat(rejected("SSM1:H:1795000000:ABCDEFGHIJKLMNOPQ").detail()).contains("5 fields");
        assertThat(rejected(good + ":EXTRA").detail()).contains("5 fields");
        assertThat(rejected("SSM2:H:1795000000:ABCDEFGHIJKLMNOPQ:A").detail()).contains("version 2");
        assertThat(rejected(good.replace(":", "::")).reason()).isEqualTo(Reason.MALFORMED);

        SuishenCode old = new SuishenCode(CodeKind.SUISHEN_CODE, NOW.minusSeconds(1), SUISHEN.token());
        CodeRejection expired = rejected(old.payload());
        assertThat(expired.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(expired.zh()).contains("过期");
        assertThat(rejected(new SuishenCode(CodeKind.SUISHEN_CODE, NOW, SUISHEN.token()).payload()).reason())
                .isEqualTo(Reason.EXPIRED);
        SuishenCode forever = new SuishenCode(CodeKind.E_LICENCE, NOW.plus(Duration.ofDays(30)), SUISHEN.token());
        assertThat(rejected(forever.payload()).detail()).contains("longer than 24 h");
    }

    @Test
    void appointmentCodesMalformedOrDamaged() {
        String good = APPOINTMENT.payload();
        assertThat(rejected(good.replace("20261122", "20260230")).detail()).contains("calendar date");
        assertThat(rejected(good.replace(":0930:", ":2460:")).detail()).contains("time of day");
        assertThat(rejected(good.replace(":0042:", ":0000:")).detail()).contains("0001 to 9999");
        assertThat(rejected(good.replace("310115", "31011X")).detail()).contains("hall");
        assertThat(rejected(good.replace(":0042:", ":0043:")).reason()).isEqualTo(Reason.BAD_CHECKSUM);
    }

    @Test
    void lockerCodesMalformedOrDamaged() {
        String good = PICKUP.payload();
        assertThat(rejected(good.replace("58302917", "5830291")).detail()).contains("8 digits");
        assertThat(rejected(good.replace("PD01", "P")).detail()).contains("cabinet");
        assertThat(rejected(good.replace("58302917", "58302971")).reason()).isEqualTo(Reason.BAD_CHECKSUM);
    }

    @Test
    void linksThatAreNotHttpsOrNotAllowed() {
        assertThat(rejected("http://zwdt.sh.gov.cn/").reason()).isEqualTo(Reason.URL_NOT_HTTPS);
        assertThat(rejected("javascript:alert(1)").reason()).isEqualTo(Reason.URL_NOT_HTTPS);
        assertThat(rejected("data:text/html;base64,PHNjcmlwdD4=").reason()).isEqualTo(Reason.URL_NOT_HTTPS);
        assertThat(rejected("file:///etc/passwd").reason()).isEqualTo(Reason.URL_NOT_HTTPS);
        assertThat(rejected("ftp://zwdt.sh.gov.cn/x").reason()).isEqualTo(Reason.URL_NOT_HTTPS);
        CodeRejection evil = rejected("https://evil.example.com/zwdt.sh.gov.cn");
        assertThat(evil.reason()).isEqualTo(Reason.URL_HOST_NOT_ALLOWED);
        assertThat(evil.en()).contains("evil.example.com");
        assertThat(rejected("https://zwdt.sh.gov.cn.evil.example/").reason()).isEqualTo(Reason.URL_HOST_NOT_ALLOWED);
        assertThat(rejected("https://sh.gov.cn/").reason()).isEqualTo(Reason.URL_HOST_NOT_ALLOWED);
        assertThat(rejected("https://fakesh.gov.cn/").reason()).isEqualTo(Reason.URL_HOST_NOT_ALLOWED);
        assertThat(rejected("https://10.0.0.1/").reason()).isEqualTo(Reason.URL_HOST_NOT_ALLOWED);
        assertThat(rejected("https://zwdt.sh.gov.cn@evil.example/").detail()).contains("user name");
        assertThat(rejected("https://zwdt.sh.gov.cn:8443/").detail()).contains("port 8443");
        assertThat(rejected("https://zwdt.sh.gov.cn/a b").reason()).isEqualTo(Reason.URL_MALFORMED);
        assertThat(rejected("https://政务.sh.gov.cn/").detail()).contains("ASCII");
        assertThat(rejected("https:///nohost").reason()).isEqualTo(Reason.URL_MALFORMED);
        assertThat(rejected("https://zwdt.sh.gov.cn/%zz").reason()).isEqualTo(Reason.URL_MALFORMED);
    }

    @Test
    void theAllowListIsASetting() {
        CodeParser custom = new CodeParser(CodePolicy.DEFAULT.withAllowedHosts(List.of("service.example.org")));
        assertThat(custom.parse("https://service.example.org/x", NOW).accepted()).isTrue();
        assertThat(custom.parse("https://zwdt.sh.gov.cn/", NOW).accepted()).isFalse();
    }

    @Test
    void aScannedCodeChangesNoSessionState() {
        // The session rules give codes no meaning yet: a scan, good or bad, leaves the state as it was.
        SessionState s = SessionState.initial(NOW, IdlePolicy.DEFAULT);
        for (String text : List.of(SUISHEN.payload(), "\u0000\u0001binary", "A".repeat(5000))) {
            assertThat(SessionReducer.apply(s, new CodeScanned("scanner", text, NOW.plusSeconds(1)))).isSameAs(s);
        }
    }
}
