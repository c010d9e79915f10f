package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.text.LocalizedText;

/** Who may apply for an item (申请主体). */
public enum ApplicantType {
    NATURAL_PERSON("自然人", "Individual"),
    INDIVIDUAL_BUSINESS("个体工商户", "Individual business"),
    ENTERPRISE("企业", "Enterprise"),
    ORGANISATION("社会组织、机关事业单位", "Organisation or public body");

    private final LocalizedText label;

    ApplicantType(String zh, String en) {
        this.label = LocalizedText.of(zh, en);
    }

    public LocalizedText label() {
        return label;
    }
}
