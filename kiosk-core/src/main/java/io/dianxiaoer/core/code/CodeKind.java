package io.dianxiaoer.core.code;

/** What a scanned payload is, with plain names for screens and logs. */
public enum CodeKind {
    SUISHEN_CODE("随申码", "Suishen code"),
    E_LICENCE("电子证照亮证码", "e-licence presentation code"),
    APPOINTMENT_CHECK_IN("预约签到码", "appointment check-in code"),
    LOCKER_PICKUP("智能柜取件码", "locker pickup code"),
    WEB_LINK("网址", "web link"),
    UNKNOWN("其他码", "other code");

    private final String chinese;
    private final String english;

    CodeKind(String chinese, String english) {
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
