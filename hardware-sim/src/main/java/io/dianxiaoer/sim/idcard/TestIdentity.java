package io.dianxiaoer.sim.idcard;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One fictional card holder of the simulator's data file, as the card stores the fields
 * (codes and YYYYMMDD dates as text, {@code 长期} for a card valid for life).
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
        String note) {
}
