package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.text.LocalizedText;
import java.util.Objects;
import java.util.Optional;

/**
 * A kind of document an item may require (申请材料), defined once in the catalog and referred to
 * by code from every item, so that a merged checklist can see that two items want the same thing.
 *
 * @param exemption  set when the citizen need not hand it in (two exemptions)
 * @param minPages   how many pages a complete copy has (the materials pre-check counts them)
 * @param dated      whether it carries a validity date the pre-check can judge
 */
public record MaterialType(String code, LocalizedText name, Kind kind, Optional<Exemption> exemption, int minPages,
                           boolean dated, Optional<LocalizedText> note) {

    /** What sort of paper it is; {@link #FORM} is filled on screen and never photographed. */
    public enum Kind {
        IDENTITY, CERTIFICATE, LICENCE, CONTRACT, DRAWING, PHOTO, STATEMENT, FORM, OTHER
    }

    public MaterialType {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(exemption, "exemption");
        Objects.requireNonNull(note, "note");
        if (minPages < 0) {
            throw new IllegalArgumentException("material " + code + ": minPages < 0");
        }
    }

    public boolean isExempt() {
        return exemption.isPresent();
    }

    /** An application form: the kiosk's form produces it. */
    public boolean isForm() {
        return kind == Kind.FORM;
    }
}
