package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.text.LocalizedText;

/** Where the result (licence, card, decision) reaches the applicant. */
public enum DeliveryOption {
    /** Collected at the service window. */
    WINDOW("窗口领取", "Collect at the service window"),
    /** Posted by EMS, free of charge for the applicant. */
    EMS("EMS免费寄递", "Posted by EMS, free"),
    /** Collected from the smart locker next to this terminal with a pick-up code. */
    LOCKER("智能柜自取", "Collect from the smart locker"),
    /** Issued as an e-licence or electronic notice; nothing to collect. */
    ELECTRONIC("电子证照/电子送达", "Electronic licence or notice");

    private final LocalizedText label;

    DeliveryOption(String zh, String en) {
        this.label = LocalizedText.of(zh, en);
    }

    public LocalizedText label() {
        return label;
    }
}
