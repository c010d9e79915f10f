package io.dianxiaoer.core.wire;

import java.util.Objects;

/**
 * The applicant of a submission as it crosses the wire: personal data. {@link #toString()} is
 * masked so that an accidental log line carries neither name nor number.
 */
public record Applicant(String name, String idNumber) {

    public Applicant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idNumber, "idNumber");
    }

    @Override
    public String toString() {
        return "Applicant[name=*, idNumber=" + mask(idNumber) + "]";
    }

    static String mask(String idNumber) {
        return idNumber.length() < 4 ? "****" : "**************" + idNumber.substring(idNumber.length() - 4);
    }
}
