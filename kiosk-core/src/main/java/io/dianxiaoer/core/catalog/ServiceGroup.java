package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.text.LocalizedText;

/** The three kinds of item one terminal handles. */
public enum ServiceGroup {
    /** 法人事项: approvals for companies, individual businesses and organisations. */
    LEGAL_PERSON("法人事项", "Business and organisations"),
    /** 个人事项: items for natural persons. */
    NATURAL_PERSON("个人事项", "Personal matters"),
    /** 社区事务受理: items the community affairs acceptance centres (社区事务受理服务中心) handle. */
    COMMUNITY("社区事务受理", "Community affairs");

    private final LocalizedText label;

    ServiceGroup(String zh, String en) {
        this.label = LocalizedText.of(zh, en);
    }

    public LocalizedText label() {
        return label;
    }
}
