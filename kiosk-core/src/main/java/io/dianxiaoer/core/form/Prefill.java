package io.dianxiaoer.core.form;

import io.dianxiaoer.core.identity.ForeignPermanentResidentCard;
import io.dianxiaoer.core.identity.HmtResidencePermit;
import io.dianxiaoer.core.identity.IdentityDocument;
import io.dianxiaoer.core.identity.ResidentIdCard;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values an identity document fills, by prefill key. Keys every document fills:
 * {@code identity.name}, {@code identity.documentKind}, {@code identity.documentNumber},
 * {@code identity.gender} (MALE/FEMALE/…), {@code identity.birthDate} (yyyy-MM-dd),
 * {@code identity.nationality} (ISO 3166-1 alpha-3; CHN for mainland, HKG/MAC/TWN for HMT permits).
 * Where the card has them: {@code identity.idNumber} (18-digit citizen number),
 * {@code identity.address}, {@code identity.nation} (民族), {@code identity.englishName}.
 * Stateless.
 */
public final class Prefill {

    private Prefill() {
    }

    public static Map<String, String> fromIdentity(IdentityDocument doc) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("identity.name", doc.displayName());
        m.put("identity.documentKind", doc.kind().name());
        m.put("identity.documentNumber", doc.documentNumber());
        m.put("identity.gender", doc.gender().name());
        m.put("identity.birthDate", doc.birthDate().toString());
        if (doc instanceof ResidentIdCard c) {
            m.put("identity.idNumber", c.idNumber().value());
            m.put("identity.address", c.currentAddress());
            m.put("identity.nation", c.nation().chinese());
            m.put("identity.nationality", "CHN");
        } else if (doc instanceof HmtResidencePermit p) {
            m.put("identity.idNumber", p.idNumber().value());
            m.put("identity.address", p.address());
            m.put("identity.nationality", switch (p.origin()) {
                case "HK" -> "HKG";
                case "MO" -> "MAC";
                case "TW" -> "TWN";
                default -> "CHN";
            });
        } else if (doc instanceof ForeignPermanentResidentCard f) {
            m.put("identity.englishName", f.englishName());
            m.put("identity.nationality", f.nationality());
        }
        return Map.copyOf(m);
    }
}
