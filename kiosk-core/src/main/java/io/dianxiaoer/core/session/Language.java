package io.dianxiaoer.core.session;

/** Interface languages. Chinese comes first: it is the default of every new session. */
public enum Language {
    ZH("zh"), EN("en");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    /** BCP 47 language tag. */
    public String tag() {
        return tag;
    }

    public Language other() {
        return this == ZH ? EN : ZH;
    }
}
