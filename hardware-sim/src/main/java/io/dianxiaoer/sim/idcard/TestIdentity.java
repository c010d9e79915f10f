package io.dianxiaoer.sim.idcard;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One fictional card holder of the simulator's data file, as the card stores the fields
 * (codes and YYYYMMDD dates as text, {@code 长期} for a card valid for life).
 *
 * @param kind            {@code resident} (default), {@code hmt} (港澳台居民居住证, flag J),
 *                        {@code foreigner2017} (flag I) or {@code foreigner2023} (flag Y)
 * @param name            the Chinese name (may be empty on a foreigner's card)
 * @param idNumber        the ID number, or the card number of a foreigner's card
 * @param appendedAddress what the chip's appended-address area holds (resident cards), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TestIdentity(
        String key,
        String name,
        String gender,
        String nation,
        String birthDate,
        String address,
        String idNumber,
        String issuingAuthority,
        String validFrom,
        String validTo,
        String note,
        String kind,
        String englishName,
        String nationality,
        String passNumber,
        String issueCount,
        String issuingOffice,
        String cardVersion,
        String appendedAddress) {

    /** A resident ID card holder. */
    public TestIdentity(String key, String name, String gender, String nation, String birthDate, String address,
                        String idNumber, String issuingAuthority, String validFrom, String validTo, String note) {
        this(key, name, gender, nation, birthDate, address, idNumber, issuingAuthority, validFrom, validTo, note,
                null, null, null, null, null, null, null, null);
    }

    public TestIdentity {
        kind = kind == null || kind.isBlank() ? "resident" : kind;
        name = name == null ? "" : name;
    }

    /** The name to show in lists: the Chinese name, or the English one. */
    public String label() {
        return name.isEmpty() && englishName != null ? englishName : name;
    }
}
