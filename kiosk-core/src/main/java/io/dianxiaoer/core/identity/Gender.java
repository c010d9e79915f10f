package io.dianxiaoer.core.identity;

/** Gender codes of GB/T 2261.1 as the card stores them. */
public enum Gender {
    UNKNOWN('0', "未知", "Unknown"),
    MALE('1', "男", "Male"),
    FEMALE('2', "女", "Female"),
    UNSPECIFIED('9', "未说明", "Unspecified");

    private final char code;
    private final String chinese;
    private final String english;

    Gender(char code, String chinese, String english) {
        this.code = code;
        this.chinese = chinese;
        this.english = english;
    }

    public char code() {
        return code;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }

    /** @throws IllegalArgumentException for a code the standard does not define */
    public static Gender ofCode(char code) {
        for (Gender g : values()) {
            if (g.code == code) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown gender code '" + code + "'");
    }
}
