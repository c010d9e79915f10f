package io.dianxiaoer.core.identity;

/** The kinds of identity document the terminal accepts. */
public enum DocumentKind {
    /** 居民身份证. */
    RESIDENT_ID_CARD("居民身份证", "Resident identity card"),
    /** 港澳台居民居住证 (text-block flag J). */
    HMT_RESIDENCE_PERMIT("港澳台居民居住证", "Residence permit for Hong Kong, Macao and Taiwan residents"),
    /** 外国人永久居留身份证, 2017 layout (flag I). */
    FOREIGN_PERMANENT_RESIDENT_2017("外国人永久居留身份证（2017版）", "Foreign permanent resident ID card (2017)"),
    /** 外国人永久居留身份证, 2023 layout (flag Y). */
    FOREIGN_PERMANENT_RESIDENT_2023("外国人永久居留身份证（2023版）", "Foreign permanent resident ID card (2023)");

    private final String chinese;
    private final String english;

    DocumentKind(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }
}
