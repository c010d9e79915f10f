package io.dianxiaoer.sim.idcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dianxiaoer.core.identity.Gender;
import io.dianxiaoer.core.identity.ResidentIdCard;
import io.dianxiaoer.device.idcard.CardDataException;
import io.dianxiaoer.device.idcard.IdCardTextParser;
import io.dianxiaoer.device.idcard.IdCardTextParser.CardKind;
import io.dianxiaoer.device.idcard.SamProtocol.ResidentText;
import io.dianxiaoer.sim.support.Identities;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The driver's parser on text blocks written by the simulator's encoder: bundled and altered identities. */
class IdCardTextParserTest {

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    static Stream<TestIdentity> bundled() {
        return Identities.residents().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundled")
    void everyBundledIdentityParsesToItsFields(TestIdentity t) {
        byte[] text = ResidentTextEncoder.encode(t);
        assertThat(text).hasSize(256);
        assertThat(IdCardTextParser.kindOf(text)).isEqualTo(CardKind.RESIDENT);
        ResidentIdCard card = IdCardTextParser.parseResident(text, ResidentTextEncoder.photo(t));

        assertThat(card.name()).isEqualTo(t.name());
        assertThat(String.valueOf(card.gender().code())).isEqualTo(t.gender());
        assertThat(card.nation().code()).isEqualTo(t.nation());
        assertThat(card.birthDate()).isEqualTo(LocalDate.parse(t.birthDate(), YYYYMMDD));
        assertThat(card.address()).isEqualTo(t.address());
        assertThat(card.idNumber().value()).isEqualTo(t.idNumber());
        assertThat(card.issuingAuthority()).isEqualTo(t.issuingAuthority());
        assertThat(card.validity().validFrom()).isEqualTo(LocalDate.parse(t.validFrom(), YYYYMMDD));
        if (t.validTo().equals("长期")) {
            assertThat(card.validity().isLongTerm()).isTrue();
            assertThat(card.validity().validTo()).isEmpty();
        } else {
            assertThat(card.validity().validTo()).contains(LocalDate.parse(t.validTo(), YYYYMMDD));
        }
        assertThat(card.photoWlt()).hasSize(1024).isEqualTo(ResidentTextEncoder.photo(t));
        assertThat(card.toString()).doesNotContain(t.name()).doesNotContain(t.idNumber());
    }

    @Test
    void theBundledIdentitiesCoverTheAwkwardCases() {
        ResidentIdCard zhang = parse(Identities.get("zhang-wei"));
        assertThat(zhang.name()).isEqualTo("张伟");
        assertThat(zhang.gender()).isEqualTo(Gender.MALE);
        assertThat(zhang.nation().chinese()).isEqualTo("汉");
        assertThat(zhang.birthDate()).isEqualTo(LocalDate.of(1985, 3, 12));
        assertThat(zhang.validity().validTo()).contains(LocalDate.of(2035, 6, 1));
        assertThat(zhang.validity().isLongTerm()).isFalse();

        ResidentIdCard li = parse(Identities.get("li-xiuying"));
        assertThat(li.gender()).isEqualTo(Gender.FEMALE);
        assertThat(li.validity().isLongTerm()).isTrue();
        assertThat(li.validity().validFrom()).isEqualTo(LocalDate.of(2012, 3, 15));

        ResidentIdCard wang = parse(Identities.get("wang-fang"));
        assertThat(wang.idNumber().value()).isEqualTo("31010419901105048X");

        ResidentIdCard zhao = parse(Identities.get("zhao-guilan"));
        assertThat(zhao.idNumber().value()).endsWith("X");
        assertThat(zhao.validity().isLongTerm()).isTrue();
        assertThat(zhao.birthDate()).isEqualTo(LocalDate.of(1940, 1, 1));

        ResidentIdCard ayigul = parse(Identities.get("ayigul"));
        assertThat(ayigul.name()).isEqualTo("阿依古丽·买买提").contains("·");
        assertThat(ayigul.nation().code()).isEqualTo("05");
        assertThat(ayigul.nation().english()).isEqualTo("Uyghur");
        assertThat(ayigul.address()).isEqualTo("新疆维吾尔自治区乌鲁木齐市天山区解放南路1号");

        ResidentIdCard chen = parse(Identities.get("chen-jianguo"));
        assertThat(chen.isValidOn(LocalDate.of(2025, 1, 1))).isTrue();
        assertThat(chen.isValidOn(LocalDate.of(2025, 1, 2))).isFalse();
    }

    @Test
    void aLowerCaseXIsReadAsX() {
        TestIdentity wang = Identities.get("wang-fang");
        String lower = wang.idNumber().substring(0, 17) + "x";
        assertThat(parse(Identities.with(wang, b -> b.idNumber(lower))).idNumber().value())
                .isEqualTo(wang.idNumber());
    }

    @Test
    void nulPaddingAndFullWidthSpacesAreTrimmedLikeSpaces() {
        TestIdentity zhang = Identities.get("zhang-wei");
        byte[] text = ResidentTextEncoder.encode(zhang);
        // pad the name field with NULs and the address with an ideographic space, as some cards do
        for (int i = ResidentText.NAME + 4; i < ResidentText.NAME + ResidentText.NAME_LEN; i++) {
            text[i] = 0;
        }
        byte[] ideographicSpace = "\u3000".getBytes(StandardCharsets.UTF_16LE);
        int afterAddress = ResidentText.ADDRESS + zhang.address().length() * 2;
        System.arraycopy(ideographicSpace, 0, text, afterAddress, 2);
        ResidentIdCard card = IdCardTextParser.parseResident(text, new byte[0]);
        assertThat(card.name()).isEqualTo("张伟");
        assertThat(card.address()).isEqualTo(zhang.address());
    }

    // ------------------------------------------------------------------------------------------
    // altered identities: each failure names the field, never its content
    // ------------------------------------------------------------------------------------------

    /** One way to spoil a card: the altered text, the words the message must hold, the values it must not. */
    record Alteration(String name, Function<TestIdentity, byte[]> text, String fieldWords,
                      Function<TestIdentity, List<String>> extraSecrets) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Alteration> alterations() {
        List<Alteration> a = new ArrayList<>();
        a.add(new Alteration("bad check digit",
                t -> encode(Identities.with(t, b -> b.idNumber(Identities.wrongCheckDigit(t.idNumber())))),
                "ID number", t -> List.of(Identities.wrongCheckDigit(t.idNumber()))));
        a.add(new Alteration("letter inside the ID number",
                t -> encode(Identities.with(t, b -> b.idNumber(t.idNumber().substring(0, 5) + "A" + t.idNumber().substring(6)))),
                "ID number", t -> List.of(t.idNumber().substring(0, 5) + "A" + t.idNumber().substring(6))));
        a.add(new Alteration("ID number of 17 characters",
                t -> encode(Identities.with(t, b -> b.idNumber(t.idNumber().substring(0, 17)))),
                "ID number", t -> List.of(t.idNumber().substring(0, 17))));
        a.add(new Alteration("birth date not matching the ID number",
                t -> encode(Identities.with(t, b -> b.birthDate(shift(t.birthDate(), 1)))),
                "birth date", t -> List.of(shift(t.birthDate(), 1))));
        a.add(new Alteration("birth date 30 February",
                t -> encode(Identities.with(t, b -> b.birthDate(t.birthDate().substring(0, 4) + "0230"))),
                "birth date", t -> List.of(t.birthDate().substring(0, 4) + "0230")));
        a.add(new Alteration("birth date with letters",
                t -> encode(Identities.with(t, b -> b.birthDate("19AB0101"))),
                "birth date", t -> List.of("19AB0101")));
        a.add(new Alteration("valid-from date 31 June",
                t -> encode(Identities.with(t, b -> b.validFrom(t.validFrom().substring(0, 4) + "0631"))),
                "valid-from", t -> List.of(t.validFrom().substring(0, 4) + "0631")));
        a.add(new Alteration("valid-to date not a date",
                t -> encode(Identities.with(t, b -> b.validTo("2099-1-1"))),
                "valid-to", t -> List.of("2099-1-1")));
        a.add(new Alteration("valid-to before valid-from",
                t -> encode(Identities.with(t, b -> b.validTo(shift(t.validFrom(), -1)))),
                "valid-to", t -> List.of(shift(t.validFrom(), -1))));
        a.add(new Alteration("unknown nation code 99",
                t -> encode(Identities.with(t, b -> b.nation("99"))), "nation", t -> List.of()));
        a.add(new Alteration("nation code of one digit",
                t -> encode(Identities.with(t, b -> b.nation("1"))), "nation", t -> List.of()));
        a.add(new Alteration("nation given as a name",
                t -> encode(Identities.with(t, b -> b.nation("汉族"))), "nation", t -> List.of("汉族")));
        a.add(new Alteration("gender not matching the ID number",
                t -> encode(Identities.with(t, b -> b.gender(t.gender().equals("1") ? "2" : "1"))),
                "gender", t -> List.of()));
        a.add(new Alteration("gender code 3",
                t -> encode(Identities.with(t, b -> b.gender("3"))), "gender", t -> List.of()));
        a.add(new Alteration("empty name",
                t -> encode(Identities.with(t, b -> b.name(""))), "name", t -> List.of()));
        a.add(new Alteration("empty address",
                t -> encode(Identities.with(t, b -> b.address(""))), "address", t -> List.of()));
        for (String flag : List.of("J", "I", "Y", "Z")) {
            a.add(new Alteration("card type flag " + flag, t -> withFlag(encode(t), flag), "card type", t -> List.of()));
        }
        a.add(new Alteration("text block of 255 bytes",
                t -> java.util.Arrays.copyOf(encode(t), 255), "text block", t -> List.of()));
        return a;
    }

    static Stream<Arguments> everyIdentityEveryAlteration() {
        return Identities.residents().stream()
                .flatMap(t -> alterations().stream().map(alt -> Arguments.of(t.key(), alt)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyIdentityEveryAlteration")
    void aSpoiledCardIsRefusedNamingTheFieldNotItsContent(String key, Alteration alteration) {
        TestIdentity t = Identities.get(key);
        byte[] text = alteration.text().apply(t);
        assertThatThrownBy(() -> IdCardTextParser.parseResident(text, new byte[1024]))
                .isInstanceOfSatisfying(CardDataException.class, e -> {
                    String m = e.getMessage();
                    assertThat(m).containsIgnoringCase(alteration.fieldWords());
                    for (String secret : secretsOf(t)) {
                        assertThat(m).as("message of '%s'", alteration).doesNotContain(secret);
                    }
                    for (String secret : alteration.extraSecrets().apply(t)) {
                        assertThat(m).as("message of '%s'", alteration).doesNotContain(secret);
                    }
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void theFlagTellsTheKindsOfCardApart() {
        byte[] text = encode(Identities.get("zhang-wei"));
        assertThat(IdCardTextParser.kindOf(withFlag(text, "J"))).isEqualTo(CardKind.HK_MACAU_TAIWAN_PERMIT);
        assertThat(IdCardTextParser.kindOf(withFlag(text, "I"))).isEqualTo(CardKind.FOREIGNER_2017);
        assertThat(IdCardTextParser.kindOf(withFlag(text, "Y"))).isEqualTo(CardKind.FOREIGNER_2023);
        assertThat(IdCardTextParser.kindOf(withFlag(text, "?"))).isEqualTo(CardKind.UNKNOWN);
        assertThat(IdCardTextParser.kindOf(withFlag(text, " "))).isEqualTo(CardKind.RESIDENT);
    }

    @Test
    void anAllZeroTextBlockIsRefusedCleanly() {
        assertThatThrownBy(() -> IdCardTextParser.parseResident(new byte[256], new byte[0]))
                .isInstanceOf(CardDataException.class).hasMessageContaining("name");
    }

    // ------------------------------------------------------------------------------------------

    private static ResidentIdCard parse(TestIdentity t) {
        return IdCardTextParser.parseResident(encode(t), ResidentTextEncoder.photo(t));
    }

    private static byte[] encode(TestIdentity t) {
        return ResidentTextEncoder.encode(t);
    }

    private static byte[] withFlag(byte[] text, String flag) {
        byte[] copy = text.clone();
        byte[] f = flag.getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(f, 0, copy, ResidentText.TYPE_FLAG, 2);
        return copy;
    }

    private static String shift(String yyyymmdd, int days) {
        return LocalDate.parse(yyyymmdd, YYYYMMDD).plusDays(days).format(YYYYMMDD);
    }

    /** Everything of the holder a message must never hold. */
    static List<String> secretsOf(TestIdentity t) {
        List<String> s = new ArrayList<>(List.of(t.name(), t.idNumber(), t.idNumber().substring(0, 14),
                t.address(), t.birthDate(), LocalDate.parse(t.birthDate(), YYYYMMDD).toString(),
                t.issuingAuthority(), t.validFrom()));
        Optional.of(t.validTo()).filter(v -> !v.equals("长期")).ifPresent(s::add);
        return s;
    }
}
