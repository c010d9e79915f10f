package io.dianxiaoer.core.rating;

import io.dianxiaoer.core.text.LocalizedText;

/** The short list of reasons a citizen can tick for a bad rating; {@link #OTHER} needs words. */
public enum RatingReason {
    GUIDE_UNCLEAR("办事指南看不懂", "The guide was hard to understand"),
    MATERIALS_REPEATED("材料要求反复、重复提交", "I was asked for the same papers again"),
    TOO_SLOW("等待或办理时间太长", "It took too long"),
    MACHINE_HARD_TO_USE("机器不好用", "The terminal was hard to use"),
    STAFF_ATTITUDE("工作人员态度不好", "The staff were unhelpful"),
    NOT_SOLVED("问题没有解决", "My matter was not solved"),
    OTHER("其他", "Something else");

    private final LocalizedText label;

    RatingReason(String zh, String en) {
        this.label = LocalizedText.of(zh, en);
    }

    public LocalizedText label() {
        return label;
    }
}
