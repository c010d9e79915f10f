package io.dianxiaoer.core.code;

import java.util.Objects;

/**
 * Why a scanned payload is refused, in plain words: {@code zh} and {@code en} are for the citizen's
 * screen; {@code detail} is for logs and technicians (English, never a piece of the payload).
 */
public record CodeRejection(Reason reason, String zh, String en, String detail) {

    public enum Reason {
        /** Nothing, or only spaces, was read. */
        EMPTY,
        /** Longer than the policy allows: not read any further. */
        TOO_LONG,
        /** Control characters, bytes that were not text, invisible or private-use characters. */
        BINARY,
        /** Starts like one of the known formats but a field is wrong. */
        MALFORMED,
        /** Every field is well-formed but the check character is wrong: damaged or altered. */
        BAD_CHECKSUM,
        /** A presentation code past its expiry. */
        EXPIRED,
        /** A link that is not https. */
        URL_NOT_HTTPS,
        /** An https link to a host that is not on the allow-list. */
        URL_HOST_NOT_ALLOWED,
        /** Looks like a link but is not a well-formed one. */
        URL_MALFORMED
    }

    public CodeRejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
        Objects.requireNonNull(detail, "detail");
    }

    static CodeRejection empty() {
        return new CodeRejection(Reason.EMPTY, "没有读到内容，请重新扫码。", "Nothing was read. Please scan again.",
                "empty payload");
    }

    static CodeRejection tooLong(int length, int max) {
        return new CodeRejection(Reason.TOO_LONG,
                "这个码的内容太长（" + length + " 个字符，最多 " + max + " 个），本机不能使用。",
                "This code is too long (" + length + " characters, at most " + max + "). This terminal cannot use it.",
                "payload of " + length + " characters exceeds the limit of " + max);
    }

    static CodeRejection binary(String what) {
        return new CodeRejection(Reason.BINARY,
                "这个码含有不是文字的内容，不是本机能使用的码。",
                "This code contains data that is not text. It is not a code this terminal can use.",
                what);
    }

    static CodeRejection malformed(CodeKind kind, String detail) {
        return new CodeRejection(Reason.MALFORMED,
                "这个" + kind.chinese() + "格式不对，可能已损坏。请刷新后重新出示。",
                "This " + kind.english() + " is not in the expected format and may be damaged. Please refresh it and show it again.",
                kind.english() + ": " + detail);
    }

    static CodeRejection badChecksum(CodeKind kind) {
        return new CodeRejection(Reason.BAD_CHECKSUM,
                "这个" + kind.chinese() + "校验不通过，可能已损坏或被改动。请刷新后重新出示。",
                "This " + kind.english() + " failed its check: it may be damaged or altered. Please refresh it and show it again.",
                kind.english() + ": check character does not match");
    }

    static CodeRejection expired(CodeKind kind) {
        return new CodeRejection(Reason.EXPIRED,
                "这个" + kind.chinese() + "已过期。请在“随申办”中刷新后重新出示。",
                "This " + kind.english() + " has expired. Please refresh it in the Suishenban app and show it again.",
                kind.english() + ": expired");
    }

    static CodeRejection notHttps(String scheme) {
        return new CodeRejection(Reason.URL_NOT_HTTPS,
                "本机只打开以 https:// 开头的安全链接，这个链接不会打开。",
                "This terminal opens only secure links (https://). This link will not be opened.",
                "link scheme '" + scheme + "' is not https");
    }

    static CodeRejection hostNotAllowed(String host) {
        String shown = host.length() > 64 ? host.substring(0, 64) + "…" : host;
        return new CodeRejection(Reason.URL_HOST_NOT_ALLOWED,
                "这个链接不属于本机信任的政务网站（" + shown + "），不会打开。",
                "This link is not on a government site this terminal trusts (" + shown + "). It will not be opened.",
                "host not on the allow-list: " + shown);
    }

    static CodeRejection urlMalformed(String detail) {
        return new CodeRejection(Reason.URL_MALFORMED,
                "这个链接格式不对，不会打开。",
                "This link is not well-formed. It will not be opened.",
                "malformed link: " + detail);
    }
}
