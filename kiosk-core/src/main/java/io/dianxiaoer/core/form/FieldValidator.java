package io.dianxiaoer.core.form;

import io.dianxiaoer.core.form.Problem.Code;
import io.dianxiaoer.core.identity.IdNumber;
import io.dianxiaoer.core.text.LocalizedText;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises what was typed and checks it against a field's definition, answering in plain words.
 * Pure functions: the caller passes today's date (the kiosk clock), so checks never read a clock.
 */
public final class FieldValidator {

    private static final String CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CREDIT_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final Pattern DATE = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern COMPACT_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LANDLINE = Pattern.compile("(021)?[2-9]\\d{7}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    /** HMT travel permit, foreigner's card (2017: 3 letters + 12 digits), passport: letters and digits. */
    private static final Pattern DOCUMENT = Pattern.compile("[A-Z0-9]{6,20}");
    private static final Pattern ADDRESS_HINT = Pattern.compile(".*(路|街|弄|号|村|道|巷|镇|乡|区|县|室|幢|栋|Road|Rd|Street|St|No).*",
            Pattern.CASE_INSENSITIVE);

    private FieldValidator() {
    }

    /**
     * The value as it will be stored: trimmed, full-width letters and digits made half-width,
     * upper case for codes, dates as yyyy-MM-dd, phone and money without separators. Text that
     * cannot be normalised (a date that is no date) is returned trimmed, for {@link #check} to refuse.
     */
    public static String normalise(FieldType type, String raw) {
        if (raw == null) {
            return "";
        }
        String s = halfWidth(raw).strip();
        switch (type) {
            case TEXT, ADDRESS:
                return s.replaceAll("\\s+", " ");
            case ID_NUMBER, CREDIT_CODE, DOCUMENT_NUMBER:
                return s.replaceAll("[\\s-]", "").toUpperCase();
            case PHONE, POSTCODE:
                return s.replaceAll("[\\s()-]", "");
            case MONEY:
                return s.replaceAll("[\\s,¥￥元]", "");
            case NUMBER:
                return s.replaceAll("[\\s,]", "");
            case EMAIL:
                return s.toLowerCase();
            case DATE:
                Matcher m = DATE.matcher(s);
                Matcher c = COMPACT_DATE.matcher(s);
                try {
                    if (m.matches()) {
                        return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                                Integer.parseInt(m.group(3))).toString();
                    }
                    if (c.matches()) {
                        return LocalDate.of(Integer.parseInt(c.group(1)), Integer.parseInt(c.group(2)),
                                Integer.parseInt(c.group(3))).toString();
                    }
                } catch (DateTimeException e) {
                    return s;
                }
                return s;
            default:
                return s;
        }
    }

    private static String halfWidth(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char h = c >= '\uFF01' && c <= '\uFF5E' && c != '\uFF08' && c != '\uFF09' && c != '\uFF0C'
                    ? (char) (c - 0xFEE0) : c == '\u3000' ? ' ' : c;
            if (h != c && sb == null) {
                sb = new StringBuilder(s.substring(0, i));
            }
            if (sb != null) {
                sb.append(h);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * Checks a normalised value. An empty value is a problem only when the field is required.
     *
     * @return the first thing wrong, or empty when the value is acceptable
     */
    public static Optional<Problem> check(FieldDefinition f, boolean required, String value, LocalDate today) {
        String label = f.label().zh();
        String labelEn = f.label().en();
        if (value == null || value.isEmpty()) {
            return required
                    ? problem(Code.REQUIRED, "请填写“" + label + "”。", "Please fill in \"" + labelEn + "\".")
                    : Optional.empty();
        }
        int length = value.codePointCount(0, value.length());
        if (f.minLength() > 0 && length < f.minLength()) {
            return problem(Code.TOO_SHORT, "“" + label + "”至少要" + f.minLength() + "个字。",
                    "\"" + labelEn + "\" needs at least " + f.minLength() + " characters.");
        }
        if (length > f.effectiveMaxLength()) {
            return problem(Code.TOO_LONG, "“" + label + "”最多" + f.effectiveMaxLength() + "个字，现在有" + length + "个。",
                    "\"" + labelEn + "\" can have at most " + f.effectiveMaxLength() + " characters; it has " + length + ".");
        }
        return switch (f.type()) {
            case ID_NUMBER -> idNumber(value);
            case DOCUMENT_NUMBER -> value.length() == 18 && Character.isDigit(value.charAt(0)) ? idNumber(value)
                    : DOCUMENT.matcher(value).matches() ? Optional.empty()
                    : problem(Code.DOCUMENT_NUMBER, "证件号码只能是字母和数字，6到20位。",
                    "A document number has 6 to 20 letters and digits.");
            case PHONE -> MOBILE.matcher(value).matches() || LANDLINE.matcher(value).matches() ? Optional.empty()
                    : problem(Code.PHONE, "手机号码是以1开头的11位数字；固定电话是8位数字（可加区号021）。",
                    "A mobile number has 11 digits starting with 1; a Shanghai landline has 8 digits (021 may go first).");
            case DATE -> date(f, value, today);
            case CHOICE -> f.option(value).isPresent() ? Optional.empty() : notAnOption();
            case MULTI_CHOICE -> {
                for (String v : value.split(",")) {
                    if (f.option(v).isEmpty()) {
                        yield notAnOption();
                    }
                }
                yield Optional.empty();
            }
            case YES_NO -> value.equals("yes") || value.equals("no") ? Optional.empty() : notAnOption();
            case NUMBER, MONEY -> number(f, value);
            case CREDIT_CODE -> creditCode(value);
            case EMAIL -> EMAIL.matcher(value).matches() ? Optional.empty()
                    : problem(Code.EMAIL, "电子邮箱的格式不对，应像 name@example.com 这样。",
                    "That is not an e-mail address; it should look like name@example.com.");
            case POSTCODE -> value.matches("\\d{6}") ? Optional.empty()
                    : problem(Code.POSTCODE, "邮政编码是6位数字，上海的以20开头。", "A postcode has 6 digits (Shanghai's begin with 20).");
            case ADDRESS -> length >= 6 && ADDRESS_HINT.matcher(value).matches() ? Optional.empty()
                    : problem(Code.ADDRESS_TOO_VAGUE, "地址不够详细，请写到区、路（街道）和门牌号。",
                    "The address is not detailed enough: give the district, the road or street and the number.");
            case TEXT, MULTILINE -> Optional.empty();
        };
    }

    private static Optional<Problem> notAnOption() {
        return problem(Code.NOT_AN_OPTION, "请从给出的选项中选择。", "Please pick one of the options shown.");
    }

    private static Optional<Problem> idNumber(String v) {
        if (v.length() != 18) {
            return problem(Code.ID_NUMBER_LENGTH, "身份证号码是18位，现在是" + v.length() + "位。",
                    "An ID number has 18 characters; this one has " + v.length() + ".");
        }
        if (!v.matches("\\d{17}[\\dX]")) {
            return problem(Code.ID_NUMBER_CHARACTERS, "身份证号码前17位是数字，最后一位是数字或X。",
                    "The first 17 characters of an ID number are digits; the last is a digit or X.");
        }
        Optional<IdNumber> n = IdNumber.tryParse(v);
        if (n.isEmpty()) {
            return problem(Code.ID_NUMBER_CHECK, "身份证号码有一位不对，请逐位核对。",
                    "One character of the ID number is wrong; please check it digit by digit.");
        }
        if (n.get().birthDate().isEmpty()) {
            return problem(Code.ID_NUMBER_DATE, "身份证号码里的出生日期不是一个真实的日期，请核对。",
                    "The birth date inside the ID number is not a real date; please check it.");
        }
        return Optional.empty();
    }

    private static Optional<Problem> date(FieldDefinition f, String v, LocalDate today) {
        LocalDate d;
        try {
            d = LocalDate.parse(v);
        } catch (DateTimeException e) {
            return problem(Code.DATE_FORMAT, "请按“年-月-日”填写一个真实的日期，例如2024-05-01。",
                    "Please enter a real date as year-month-day, for example 2024-05-01.");
        }
        if (f.dateRule() == DateRule.NOT_AFTER_TODAY && d.isAfter(today)) {
            return problem(Code.DATE_AFTER_TODAY, "“" + f.label().zh() + "”不能晚于今天。",
                    "\"" + f.label().en() + "\" cannot be later than today.");
        }
        if (f.dateRule() == DateRule.NOT_BEFORE_TODAY && d.isBefore(today)) {
            return problem(Code.DATE_BEFORE_TODAY, "“" + f.label().zh() + "”不能早于今天。",
                    "\"" + f.label().en() + "\" cannot be earlier than today.");
        }
        return Optional.empty();
    }

    private static Optional<Problem> number(FieldDefinition f, String v) {
        if (!NUMBER.matcher(v).matches()) {
            return problem(Code.NOT_A_NUMBER, "“" + f.label().zh() + "”请填写数字。",
                    "\"" + f.label().en() + "\" must be a number.");
        }
        BigDecimal n = new BigDecimal(v);
        if (f.type() == FieldType.MONEY && n.scale() > 2) {
            return problem(Code.MONEY_DECIMALS, "金额最多到分，小数点后最多两位。", "An amount has at most two decimals (fen).");
        }
        String unitZh = f.unit().map(LocalizedText::zh).orElse("");
        String unitEn = f.unit().map(u -> " " + u.en()).orElse("");
        if (f.min().isPresent() && n.compareTo(f.min().get()) < 0) {
            return problem(Code.BELOW_MINIMUM, "“" + f.label().zh() + "”不能小于" + f.min().get().toPlainString() + unitZh + "。",
                    "\"" + f.label().en() + "\" cannot be less than " + f.min().get().toPlainString() + unitEn + ".");
        }
        if (f.max().isPresent() && n.compareTo(f.max().get()) > 0) {
            return problem(Code.ABOVE_MAXIMUM, "“" + f.label().zh() + "”不能大于" + f.max().get().toPlainString() + unitZh + "。",
                    "\"" + f.label().en() + "\" cannot be more than " + f.max().get().toPlainString() + unitEn + ".");
        }
        return Optional.empty();
    }

    private static Optional<Problem> creditCode(String v) {
        if (v.length() != 18) {
            return problem(Code.CREDIT_CODE_LENGTH, "统一社会信用代码是18位，现在是" + v.length() + "位。",
                    "A unified social credit code has 18 characters; this one has " + v.length() + ".");
        }
        for (int i = 0; i < 18; i++) {
            if (CREDIT_CHARS.indexOf(v.charAt(i)) < 0) {
                return problem(Code.CREDIT_CODE_CHARACTERS, "统一社会信用代码只有数字和大写字母（没有I、O、Z、S、V）。",
                        "A unified social credit code has digits and capital letters only (never I, O, Z, S or V).");
            }
        }
        if (v.charAt(17) != creditCheckChar(v.substring(0, 17))) {
            return problem(Code.CREDIT_CODE_CHECK, "统一社会信用代码有一位不对，请照营业执照逐位核对。",
                    "One character of the credit code is wrong; please copy it again from the business licence.");
        }
        return Optional.empty();
    }

    /** GB 32100 check character of the first 17 characters of a unified social credit code. */
    public static char creditCheckChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = CREDIT_CHARS.indexOf(first17.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("not a credit-code character at " + i);
            }
            sum += v * CREDIT_WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return CREDIT_CHARS.charAt(c == 31 ? 0 : c);
    }

    private static Optional<Problem> problem(Code code, String zh, String en) {
        return Optional.of(new Problem(code, LocalizedText.of(zh, en)));
    }
}
