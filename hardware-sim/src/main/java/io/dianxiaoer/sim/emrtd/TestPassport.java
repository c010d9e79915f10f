package io.dianxiaoer.sim.emrtd;

import java.util.Objects;

/**
 * A fictional travel document for the virtual chip: what DG1 holds and the picture DG2 shows.
 * Personal-looking data of nobody; {@link #toString()} shows the key only all the same.
 *
 * @param key          stable handle for the control API, e.g. {@code utopia-anna}
 * @param documentCode {@code P} passport, {@code CS}/{@code C} travel permits (TD1 cards)
 * @param birthDate    {@code YYMMDD}
 * @param expiryDate   {@code YYMMDD}
 * @param face         resource name of the JPEG face next to this class
 */
public record TestPassport(String key, String documentCode, String issuingState, String surname, String givenNames,
                           String documentNumber, String nationality, String birthDate, char sex, String expiryDate,
                           String optionalData, String face, String note) {

    public TestPassport {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(documentCode, "documentCode");
        Objects.requireNonNull(documentNumber, "documentNumber");
        optionalData = optionalData == null ? "" : optionalData;
        face = face == null ? "face-astronaut.jpg" : face;
        note = note == null ? "" : note;
    }

    /** TD1 (three lines of 30: cards such as travel permits) rather than TD3 (passport book). */
    public boolean isTd1() {
        return documentCode.startsWith("C") || documentCode.startsWith("I") || documentCode.startsWith("A");
    }

    @Override
    public String toString() {
        return "TestPassport[" + key + "]";
    }
}
