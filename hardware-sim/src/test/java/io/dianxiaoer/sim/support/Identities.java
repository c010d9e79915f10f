package io.dianxiaoer.sim.support;

import io.dianxiaoer.sim.idcard.TestIdentities;
import io.dianxiaoer.sim.idcard.TestIdentity;
import java.util.List;
import java.util.function.UnaryOperator;

/** The bundled identities and altered copies of them. */
public final class Identities {

    public static final TestIdentities BUNDLED = TestIdentities.bundled();

    private Identities() {
    }

    public static TestIdentity get(String key) {
        return BUNDLED.get(key).orElseThrow();
    }

    /** Every bundled identity, of every card kind. */
    public static List<TestIdentity> all() {
        return BUNDLED.all();
    }

    /** The resident ID card holders only: the resident layout and its parser. */
    public static List<TestIdentity> residents() {
        return BUNDLED.all().stream().filter(t -> t.kind().equals("resident")).toList();
    }

    /** A field-by-field copy with changes, e.g. {@code with(t, b -> b.birthDate("19850313"))}. */
    public static TestIdentity with(TestIdentity t, UnaryOperator<Builder> change) {
        return change.apply(new Builder(t)).build();
    }

    public static final class Builder {
        private String key;
        private String name;
        private String gender;
        private String nation;
        private String birthDate;
        private String address;
        private String idNumber;
        private String issuingAuthority;
        private String validFrom;
        private String validTo;
        private String note;

        Builder(TestIdentity t) {
            key = t.key();
            name = t.name();
            gender = t.gender();
            nation = t.nation();
            birthDate = t.birthDate();
            address = t.address();
            idNumber = t.idNumber();
            issuingAuthority = t.issuingAuthority();
            validFrom = t.validFrom();
            validTo = t.validTo();
            note = t.note();
        }

        public Builder key(String v) { key = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder gender(String v) { gender = v; return this; }
        public Builder nation(String v) { nation = v; return this; }
        public Builder birthDate(String v) { birthDate = v; return this; }
        public Builder address(String v) { address = v; return this; }
        public Builder idNumber(String v) { idNumber = v; return this; }
        public Builder issuingAuthority(String v) { issuingAuthority = v; return this; }
        public Builder validFrom(String v) { validFrom = v; return this; }
        public Builder validTo(String v) { validTo = v; return this; }

        TestIdentity build() {
            return new TestIdentity(key, name, gender, nation, birthDate, address, idNumber, issuingAuthority,
                    validFrom, validTo, note);
        }
    }

    /** The ID number with its check digit replaced by a wrong one. */
    public static String wrongCheckDigit(String id) {
        char good = id.charAt(17);
        char bad = good == '1' ? '2' : '1';
        return id.substring(0, 17) + bad;
    }
}
