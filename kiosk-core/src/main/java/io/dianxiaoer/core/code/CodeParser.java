package io.dianxiaoer.core.code;

import io.dianxiaoer.core.code.ScannedPayload.AppointmentCheckIn;
import io.dianxiaoer.core.code.ScannedPayload.LockerPickup;
import io.dianxiaoer.core.code.ScannedPayload.SuishenCode;
import io.dianxiaoer.core.code.ScannedPayload.UnknownCode;
import io.dianxiaoer.core.code.ScannedPayload.WebLink;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies a scanned payload — untrusted input from a scanner or a camera — as one of the
 * formats of {@code docs/codes.md}: 随申码 / e-licence presentation code, appointment check-in
 * code, locker pickup code, https link to an allowed host, or unknown printable text.
 *
 * <p>Order of checks, cheapest first: length (a payload over {@link CodePolicy#maxLength} is refused
 * without being read further), characters (no control characters, no bytes that were not text, no
 * invisible or private-use characters), then the format, the check character, and the expiry.
 * A refusal is a value ({@link CodeParseResult.Rejected}) with plain words in Chinese and English;
 * the parser never throws on any input and never echoes the payload into a message.
 *
 * <p>Pure: no clock of its own (the caller passes {@code now}), no I/O; immutable and thread-safe.
 */
public final class CodeParser {

    private static final Pattern OWN_FORMAT = Pattern.compile("^(SSM|APT|LKR)(\\d{1,3}):", Pattern.CASE_INSENSITIVE);
    private static final Pattern LINK = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]{0,31}):");
    /** Schemes that make a link even without "//" (they can run code or dial out on a careless device). */
    private static final Set<String> OPAQUE_LINK_SCHEMES = Set.of("javascript", "vbscript", "data", "file", "mailto",
            "tel", "sms", "intent", "weixin", "alipays", "alipay");
    private static final Pattern DIGITS_10 = Pattern.compile("\\d{10}");
    private static final Pattern DIGITS_8 = Pattern.compile("\\d{8}");
    private static final Pattern DIGITS_6 = Pattern.compile("\\d{6}");
    private static final Pattern DIGITS_4 = Pattern.compile("\\d{4}");
    private static final Pattern TOKEN = Pattern.compile("[0-9A-Z]{16,64}");
    private static final Pattern CABINET = Pattern.compile("[0-9A-Z]{2,8}");
    private static final Pattern CHECK = Pattern.compile("[0-9A-Z]");

    private final CodePolicy policy;

    public CodeParser(CodePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public CodePolicy policy() {
        return policy;
    }

    /** Classifies {@code raw} as of {@code now} (which decides whether a presentation code has expired). */
    public CodeParseResult parse(String raw, Instant now) {
        Objects.requireNonNull(now, "now");
        if (raw == null || raw.isEmpty()) {
            return reject(CodeRejection.empty());
        }
        if (raw.length() > policy.maxLength()) {
            return reject(CodeRejection.tooLong(raw.length(), policy.maxLength()));
        }
        Optional<String> notText = notText(raw);
        if (notText.isPresent()) {
            return reject(CodeRejection.binary(notText.get()));
        }
        String text = stripSpaces(raw);
        if (text.isEmpty()) {
            return reject(CodeRejection.empty());
        }
        Matcher own = OWN_FORMAT.matcher(text);
        if (own.find()) {
            CodeKind kind = switch (own.group(1).toUpperCase(Locale.ROOT)) {
                case "SSM" -> CodeKind.SUISHEN_CODE;
                case "APT" -> CodeKind.APPOINTMENT_CHECK_IN;
                default -> CodeKind.LOCKER_PICKUP;
            };
            if (!text.equals(text.toUpperCase(Locale.ROOT))) {
                // QR alphanumeric mode has no lower case: a scanner set to convert case changed it
                return reject(CodeRejection.malformed(kind, "it has lower-case letters (check the scanner's case setting)"));
            }
            if (!own.group(2).equals("1")) {
                return reject(CodeRejection.malformed(kind, "format version " + own.group(2) + " is not supported"));
            }
            return switch (kind) {
                case SUISHEN_CODE -> suishen(text, now);
                case APPOINTMENT_CHECK_IN -> appointment(text);
                default -> locker(text);
            };
        }
        Matcher link = LINK.matcher(text);
        if (link.find()) {
            String scheme = link.group(1).toLowerCase(Locale.ROOT);
            boolean hierarchical = text.startsWith("//", link.end());
            if (hierarchical || OPAQUE_LINK_SCHEMES.contains(scheme)) {
                return webLink(text, scheme);
            }
        }
        return new CodeParseResult.Accepted(new UnknownCode(text));
    }

    // ----------------------------------------------------------------------------------------------
    // formats
    // ----------------------------------------------------------------------------------------------

    private CodeParseResult suishen(String text, Instant now) {
        CodeKind kind = CodeKind.SUISHEN_CODE;
        String[] f = text.split(":", -1);
        if (f.length != 5) {
            return reject(CodeRejection.malformed(kind, "expected 5 fields separated by ':', found " + f.length));
        }
        if (f[1].equals("L")) {
            kind = CodeKind.E_LICENCE;
        } else if (!f[1].equals("H")) {
            return reject(CodeRejection.malformed(kind, "the kind letter must be H or L"));
        }
        if (!DIGITS_10.matcher(f[2]).matches()) {
            return reject(CodeRejection.malformed(kind, "the expiry is not 10 digits"));
        }
        if (!TOKEN.matcher(f[3]).matches()) {
            return reject(CodeRejection.malformed(kind, "the token is not 16 to 64 characters of 0-9A-Z"));
        }
        if (!CHECK.matcher(f[4]).matches()) {
            return reject(CodeRejection.malformed(kind, "the check character is not one of 0-9A-Z"));
        }
        if (Iso7064.mod37_36(f[0] + f[1] + f[2] + f[3]) != f[4].charAt(0)) {
            return reject(CodeRejection.badChecksum(kind));
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(f[2]));
        if (!now.isBefore(expiresAt)) {
            return reject(CodeRejection.expired(kind));
        }
        if (expiresAt.isAfter(now.plus(policy.maxPresentationValidity()))) {
            return reject(CodeRejection.malformed(kind, "it claims to be valid for longer than "
                    + policy.maxPresentationValidity().toHours() + " h, which no presentation code is"));
        }
        return new CodeParseResult.Accepted(new SuishenCode(kind, expiresAt, f[3]));
    }

    private CodeParseResult appointment(String text) {
        CodeKind kind = CodeKind.APPOINTMENT_CHECK_IN;
        String[] f = text.split(":", -1);
        if (f.length != 6) {
            return reject(CodeRejection.malformed(kind, "expected 6 fields separated by ':', found " + f.length));
        }
        if (!DIGITS_8.matcher(f[1]).matches()) {
            return reject(CodeRejection.malformed(kind, "the date is not 8 digits"));
        }
        LocalDate date;
        try {
            date = LocalDate.of(Integer.parseInt(f[1].substring(0, 4)), Integer.parseInt(f[1].substring(4, 6)),
                    Integer.parseInt(f[1].substring(6, 8)));
        } catch (DateTimeException e) {
            return reject(CodeRejection.malformed(kind, "the date is not a calendar date"));
        }
        if (!DIGITS_6.matcher(f[2]).matches()) {
            return reject(CodeRejection.malformed(kind, "the hall code is not 6 digits"));
        }
        if (!DIGITS_4.matcher(f[3]).matches()) {
            return reject(CodeRejection.malformed(kind, "the time slot is not 4 digits"));
        }
        LocalTime slot;
        try {
            slot = LocalTime.of(Integer.parseInt(f[3].substring(0, 2)), Integer.parseInt(f[3].substring(2, 4)));
        } catch (DateTimeException e) {
            return reject(CodeRejection.malformed(kind, "the time slot is not a time of day"));
        }
        if (!DIGITS_4.matcher(f[4]).matches() || f[4].equals("0000")) {
            return reject(CodeRejection.malformed(kind, "the number is not 0001 to 9999"));
        }
        if (!CHECK.matcher(f[5]).matches()) {
            return reject(CodeRejection.malformed(kind, "the check character is not one of 0-9A-Z"));
        }
        if (Iso7064.mod37_36(f[0] + f[1] + f[2] + f[3] + f[4]) != f[5].charAt(0)) {
            return reject(CodeRejection.badChecksum(kind));
        }
        return new CodeParseResult.Accepted(new AppointmentCheckIn(date, f[2], slot, Integer.parseInt(f[4])));
    }

    private CodeParseResult locker(String text) {
        CodeKind kind = CodeKind.LOCKER_PICKUP;
        String[] f = text.split(":", -1);
        if (f.length != 4) {
            return reject(CodeRejection.malformed(kind, "expected 4 fields separated by ':', found " + f.length));
        }
        if (!CABINET.matcher(f[1]).matches()) {
            return reject(CodeRejection.malformed(kind, "the cabinet is not 2 to 8 characters of 0-9A-Z"));
        }
        if (!DIGITS_8.matcher(f[2]).matches()) {
            return reject(CodeRejection.malformed(kind, "the pickup code is not 8 digits"));
        }
        if (!CHECK.matcher(f[3]).matches()) {
            return reject(CodeRejection.malformed(kind, "the check character is not one of 0-9A-Z"));
        }
        if (Iso7064.mod37_36(f[0] + f[1] + f[2]) != f[3].charAt(0)) {
            return reject(CodeRejection.badChecksum(kind));
        }
        return new CodeParseResult.Accepted(new LockerPickup(f[1], f[2]));
    }

    private CodeParseResult webLink(String text, String scheme) {
        if (!scheme.equals("https")) {
            return reject(CodeRejection.notHttps(scheme));
        }
        if (text.length() > policy.maxUrlLength()) {
            return reject(CodeRejection.tooLong(text.length(), policy.maxUrlLength()));
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return reject(CodeRejection.urlMalformed(c <= 0x20 ? "a space inside the link"
                        : "characters outside ASCII (internationalised links are not accepted)"));
            }
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return reject(CodeRejection.urlMalformed("not a valid URI at index " + e.getIndex()));
        }
        if (uri.getRawUserInfo() != null) {
            // https://zwdt.sh.gov.cn@elsewhere.example/ shows a trusted name and goes elsewhere
            return reject(CodeRejection.urlMalformed("it carries a user name before the host"));
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return reject(CodeRejection.urlMalformed("no host name"));
        }
        if (uri.getPort() != -1 && uri.getPort() != 443) {
            return reject(CodeRejection.urlMalformed("port " + uri.getPort() + " instead of the https port"));
        }
        if (!policy.hostAllowed(host)) {
            return reject(CodeRejection.hostNotAllowed(host.toLowerCase(Locale.ROOT)));
        }
        return new CodeParseResult.Accepted(new WebLink(uri));
    }

    // ----------------------------------------------------------------------------------------------
    // characters
    // ----------------------------------------------------------------------------------------------

    /** Why {@code s} is not plain text, or empty when it is. Positions, never content. */
    static Optional<String> notText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(i + 1));
                    Optional<String> bad = badCodePoint(cp, i);
                    if (bad.isPresent()) {
                        return bad;
                    }
                    i++;
                    continue;
                }
                return Optional.of("an unpaired surrogate at position " + i);
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("an unpaired surrogate at position " + i);
            }
            Optional<String> bad = badCodePoint(c, i);
            if (bad.isPresent()) {
                return bad;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> badCodePoint(int cp, int at) {
        if (cp == 0xFFFD) {
            return Optional.of("bytes that were not valid text (U+FFFD) at position " + at);
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL:
                return Optional.of(String.format("control character U+%04X at position %d", cp, at));
            case Character.FORMAT:
                // bidirectional overrides, zero-width characters, BOM: invisible, used to disguise text
                return Optional.of(String.format("invisible formatting character U+%04X at position %d", cp, at));
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return Optional.of(String.format("line break U+%04X at position %d", cp, at));
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.SURROGATE:
                return Optional.of(String.format("private-use or unassigned character U+%04X at position %d", cp, at));
            default:
                return Optional.empty();
        }
    }

    private static String stripSpaces(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && s.charAt(b) == ' ') {
            b++;
        }
        while (e > b && s.charAt(e - 1) == ' ') {
            e--;
        }
        return s.substring(b, e);
    }

    private static CodeParseResult reject(CodeRejection r) {
        return new CodeParseResult.Rejected(r);
    }
}
