package io.dianxiaoer.core.form;

import io.dianxiaoer.core.identity.IdentityDocument;
import io.dianxiaoer.core.text.LocalizedText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An electronic licence or certificate (电子证照) the citizen presents at the kiosk, typically by
 * showing its QR code from the 随申办 app; the kiosk then holds its data as one of these records.
 * Forms prefill from {@link #values()} (keys {@code eLicence.<KIND>.<field>}), and a material
 * the licence proves need not be photographed (两个免于提交).
 *
 * <p>Immutable. Licences carry personal data (names, ID numbers, addresses): {@code toString} of
 * every record shows the kind and a masked number only.
 */
public sealed interface ELicence {

    /** The kinds of licence the kiosk understands; the catalog refers to them by name. */
    enum Kind {
        BUSINESS_LICENCE("营业执照", "Business licence"),
        FOOD_BUSINESS_LICENCE("食品经营许可证", "Food business licence"),
        PROPERTY_CERTIFICATE("不动产权证书", "Real estate title certificate"),
        RESIDENCE_PERMIT("上海市居住证", "Shanghai residence permit"),
        MARRIAGE_CERTIFICATE("结婚证", "Marriage certificate"),
        DISABILITY_CERTIFICATE("残疾人证", "Disability certificate");

        private final LocalizedText name;

        Kind(String zh, String en) {
            this.name = LocalizedText.of(zh, en);
        }

        public LocalizedText label() {
            return name;
        }
    }

    Kind kind();

    /** The licence's own number. Personal data for personal licences. */
    String number();

    /** Last day of validity; empty when valid without limit. */
    Optional<LocalDate> validUntil();

    /** Prefill values by key ({@code eLicence.BUSINESS_LICENCE.creditCode} …); absent values are left out. */
    Map<String, String> values();

    default boolean isValidOn(LocalDate day) {
        return validUntil().map(u -> !day.isAfter(u)).orElse(true);
    }

    private static Map<String, String> keyed(Kind kind, Object... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            if (v instanceof Optional<?> o) {
                v = o.orElse(null);
            }
            if (v != null && !v.toString().isBlank()) {
                m.put("eLicence." + kind.name() + "." + pairs[i], v instanceof BigDecimal b ? b.toPlainString() : v.toString());
            }
        }
        return Map.copyOf(m);
    }

    /** 营业执照 of a company or an individual business. */
    record BusinessLicence(String creditCode, String name, String entityType, String legalRepresentative,
                           String address, String scope, LocalDate establishedOn, Optional<LocalDate> validUntil)
            implements ELicence {
        public BusinessLicence {
            Objects.requireNonNull(creditCode, "creditCode");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(entityType, "entityType");
            Objects.requireNonNull(legalRepresentative, "legalRepresentative");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(establishedOn, "establishedOn");
            Objects.requireNonNull(validUntil, "validUntil");
        }

        @Override
        public Kind kind() {
            return Kind.BUSINESS_LICENCE;
        }

        @Override
        public String number() {
            return creditCode;
        }

        @Override
        public Map<String, String> values() {
            return keyed(kind(), "creditCode", creditCode, "name", name, "entityType", entityType,
                    "legalRepresentative", legalRepresentative, "address", address, "scope", scope,
                    "establishedOn", establishedOn, "validUntil", validUntil);
        }

        @Override
        public String toString() {
            return "BusinessLicence[" + IdentityDocument.maskNumber(creditCode) + "]";
        }
    }

    /** 食品经营许可证 (number JY + 14 digits). */
    record FoodBusinessLicence(String number, String operatorName, String creditCode, String address,
                               String categories, Optional<LocalDate> validUntil) implements ELicence {
        public FoodBusinessLicence {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(operatorName, "operatorName");
            Objects.requireNonNull(creditCode, "creditCode");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(categories, "categories");
            Objects.requireNonNull(validUntil, "validUntil");
        }

        @Override
        public Kind kind() {
            return Kind.FOOD_BUSINESS_LICENCE;
        }

        @Override
        public Map<String, String> values() {
            return keyed(kind(), "number", number, "operatorName", operatorName, "creditCode", creditCode,
                    "address", address, "categories", categories, "validUntil", validUntil);
        }

        @Override
        public String toString() {
            return "FoodBusinessLicence[" + IdentityDocument.maskNumber(number) + "]";
        }
    }

    /** 不动产权证书: proves the right to use premises. */
    record PropertyCertificate(String number, String holderName, String address, BigDecimal area, String use,
                               Optional<LocalDate> validUntil) implements ELicence {
        public PropertyCertificate {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(holderName, "holderName");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(area, "area");
            Objects.requireNonNull(use, "use");
            Objects.requireNonNull(validUntil, "validUntil");
        }

        @Override
        public Kind kind() {
            return Kind.PROPERTY_CERTIFICATE;
        }

        @Override
        public Map<String, String> values() {
            return keyed(kind(), "number", number, "holderName", holderName, "address", address, "area", area,
                    "use", use);
        }

        @Override
        public String toString() {
            return "PropertyCertificate[" + IdentityDocument.maskNumber(number) + "]";
        }
    }

    /** 上海市居住证. */
    record ResidencePermit(String number, String holderName, String idNumber, String address,
                           Optional<LocalDate> validUntil) implements ELicence {
        public ResidencePermit {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(holderName, "holderName");
            Objects.requireNonNull(idNumber, "idNumber");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(validUntil, "validUntil");
        }

        @Override
        public Kind kind() {
            return Kind.RESIDENCE_PERMIT;
        }

        @Override
        public Map<String, String> values() {
            return keyed(kind(), "number", number, "holderName", holderName, "idNumber", idNumber,
                    "address", address, "validUntil", validUntil);
        }

        @Override
        public String toString() {
            return "ResidencePermit[" + IdentityDocument.maskNumber(number) + "]";
        }
    }

    /** 结婚证. */
    record MarriageCertificate(String number, String holderName, String spouseName, String spouseIdNumber,
                               LocalDate registeredOn, String registrar) implements ELicence {
        public MarriageCertificate {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(holderName, "holderName");
            Objects.requireNonNull(spouseName, "spouseName");
            Objects.requireNonNull(spouseIdNumber, "spouseIdNumber");
            Objects.requireNonNull(registeredOn, "registeredOn");
            Objects.requireNonNull(registrar, "registrar");
        }

        @Override
        public Kind kind() {
            return Kind.MARRIAGE_CERTIFICATE;
        }

        @Override
        public Optional<LocalDate> validUntil() {
            return Optional.empty();
        }

        @Override
        public Map<String, String> values() {
            return keyed(kind(), "number", number, "holderName", holderName, "spouseName", spouseName,
                    "spouseIdNumber", spouseIdNumber, "registeredOn", registeredOn, "registrar", registrar);
        }

        @Override
        public String toString() {
            return "MarriageCertificate[" + IdentityDocument.maskNumber(number) + "]";
        }
    }

    /** 中华人民共和国残疾人证 (number: the holder's ID number plus category and grade digits). */
    record DisabilityCertificate(String number, String holderName, String category, int grade,
                                 Optional<LocalDate> validUntil) implements ELicence {
        public DisabilityCertificate {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(holderName, "holderName");
            Objects.requireNonNull(category, "category");
            if (grade < 1 || grade > 4) {
                throw new IllegalArgumentException("disability grade is 1 to 4");
            }
            Objects.requireNonNull(validUntil, "validUntil");
        }

        @Override
        public Kind kind() {
            return Kind.DISABILITY_CERTIFICATE;
        }

        @Override
        public Map<String, String> values() {
            return keyed(kind(), "number", number, "holderName", holderName, "category", category,
                    "grade", grade, "validUntil", validUntil);
        }

        @Override
        public String toString() {
            return "DisabilityCertificate[" + IdentityDocument.maskNumber(number) + "]";
        }
    }
}
