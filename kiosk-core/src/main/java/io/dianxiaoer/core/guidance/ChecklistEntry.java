package io.dianxiaoer.core.guidance;

import io.dianxiaoer.core.catalog.MaterialType;
import io.dianxiaoer.core.text.LocalizedText;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the merged materials checklist: a material, which items need it, and whether the
 * citizen has to hand it in.
 *
 * @param producedBy for {@link Status#PRODUCED_IN_THIS_BUNDLE}: the item of this bundle whose result it is
 * @param notes      item-specific notes ("original and one copy")
 */
public record ChecklistEntry(MaterialType material, Status status, List<String> neededBy, Optional<String> producedBy,
                             List<LocalizedText> notes) {

    public enum Status {
        /** The citizen photographs it at the document camera. */
        TO_SUBMIT,
        /** Supplied by data sharing or taken from the e-licence library (两个免于提交). */
        EXEMPT,
        /** The result of another item of the same bundle (the business licence for the food licence). */
        PRODUCED_IN_THIS_BUNDLE,
        /** An application form: the one merged form on screen replaces it. */
        FILLED_ON_SCREEN
    }

    public ChecklistEntry {
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(status, "status");
        neededBy = List.copyOf(neededBy);
        Objects.requireNonNull(producedBy, "producedBy");
        notes = List.copyOf(notes);
    }
}
