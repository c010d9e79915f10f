package io.dianxiaoer.core.form;

import io.dianxiaoer.core.identity.IdentityDocument;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that can change a form, as immutable values for {@link FormState#apply}: the pure
 * update function the session reducer can call. Actions carry personal data: their
 * {@code toString} leaves values out.
 */
public sealed interface FormAction {

    /** The citizen typed or picked a value (an empty text clears the field). */
    record Edit(String fieldId, String text) implements FormAction {
        public Edit {
            Objects.requireNonNull(fieldId, "fieldId");
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return "Edit[" + fieldId + "]";
        }
    }

    /** An identity document was read: fill every field whose prefill key it supplies. */
    record PrefillIdentity(IdentityDocument document) implements FormAction {
        public PrefillIdentity {
            Objects.requireNonNull(document, "document");
        }
    }

    /** An e-licence was presented: fill the fields it supplies. */
    record PrefillLicence(ELicence licence) implements FormAction {
        public PrefillLicence {
            Objects.requireNonNull(licence, "licence");
        }
    }

    /** Values that guidance answers already gave (field id → value): asked once, never again. */
    record FillFromAnswers(Map<String, String> values) implements FormAction {
        public FillFromAnswers {
            values = Map.copyOf(values);
        }

        @Override
        public String toString() {
            return "FillFromAnswers" + values.keySet();
        }
    }

    /** The citizen pressed "next": from now on every problem is shown, not only those of touched fields. */
    record ShowAllProblems() implements FormAction {
    }
}
