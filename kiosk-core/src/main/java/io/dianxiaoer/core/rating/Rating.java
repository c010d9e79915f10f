package io.dianxiaoer.core.rating;

import io.dianxiaoer.core.text.LocalizedText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A finished 好差评: how satisfied, why (required for 1–2 stars), and what it is about — the
 * applicant, the item, the application and the handler. Build one with {@link #validate} first:
 * it says in plain words what is missing; the constructor refuses an invalid rating outright.
 *
 * <p>The comment is free text typed by a citizen and the applicant reference identifies a
 * person: {@code toString} leaves both out.
 *
 * @param applicantDocumentNumber the applicant's ID/document number (links the rating to them)
 * @param itemCode       the catalog item rated (for a theme, one rating per item)
 * @param applicationRef the local receipt or acceptance number of the application
 */
public record Rating(Satisfaction satisfaction, Set<RatingReason> reasons, String comment, String applicantDocumentNumber,
                     String itemCode, String applicationRef, Handler handler, Instant ratedAt) {

    /** Most characters of the free-text comment (the intake's limit is 500; the screen keeps it short). */
    public static final int MAX_COMMENT = 200;
    /** With only "other" ticked, the comment must say at least this much. */
    public static final int MIN_OTHER_COMMENT = 5;

    public Rating {
        Objects.requireNonNull(satisfaction, "satisfaction");
        reasons = reasons.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(reasons));
        comment = comment == null ? "" : comment.strip();
        Objects.requireNonNull(applicantDocumentNumber, "applicantDocumentNumber");
        Objects.requireNonNull(itemCode, "itemCode");
        Objects.requireNonNull(applicationRef, "applicationRef");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(ratedAt, "ratedAt");
        List<LocalizedText> problems = validate(satisfaction, reasons, comment);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0).en());
        }
        if (applicantDocumentNumber.isBlank() || itemCode.isBlank() || applicationRef.isBlank()) {
            throw new IllegalArgumentException("a rating must name the applicant, the item and the application");
        }
    }

    /**
     * What is wrong with a rating as the citizen has filled it so far, in plain words; empty when
     * it can be sent. Good ratings need nothing more; 1–2 stars need at least one reason, and
     * "other" alone needs a few words.
     */
    public static List<LocalizedText> validate(Satisfaction satisfaction, Set<RatingReason> reasons, String comment) {
        List<LocalizedText> out = new ArrayList<>();
        String c = comment == null ? "" : comment.strip();
        int length = c.codePointCount(0, c.length());
        if (satisfaction == null) {
            out.add(LocalizedText.of("请选择星级。", "Please choose how many stars."));
            return out;
        }
        if (length > MAX_COMMENT) {
            out.add(LocalizedText.of("意见最多" + MAX_COMMENT + "个字，现在有" + length + "个。",
                    "Comments can have at most " + MAX_COMMENT + " characters; this has " + length + "."));
        }
        if (satisfaction.isBad()) {
            if (reasons == null || reasons.isEmpty()) {
                out.add(LocalizedText.of("请告诉我们哪里不满意：至少选一项原因。",
                        "Please tell us what went wrong: pick at least one reason."));
            } else if (reasons.equals(Set.of(RatingReason.OTHER)) && length < MIN_OTHER_COMMENT) {
                out.add(LocalizedText.of("选了“其他”，请写几句具体原因（至少" + MIN_OTHER_COMMENT + "个字）。",
                        "You chose \"something else\": please write a few words (at least " + MIN_OTHER_COMMENT + " characters)."));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Rating[" + satisfaction.stars() + " stars, " + reasons + ", item " + itemCode + ", " + handler.id() + "]";
    }
}
