package io.dianxiaoer.core.form;

import java.util.Locale;

/**
 * Where a field's value can come from without the citizen typing it. Keys look like
 * {@code identity.name} or {@code eLicence.BUSINESS_LICENCE.creditCode}: see
 * {@link Prefill#fromIdentity} and {@link ELicence#values()} for the keys each source fills.
 */
public record PrefillSource(String key) {

    public PrefillSource {
        if (!key.startsWith("identity.") && !key.startsWith("eLicence.")) {
            throw new IllegalArgumentException("prefill key must start with identity. or eLicence.: " + key);
        }
    }

    public boolean fromIdentity() {
        return key.startsWith("identity.");
    }

    /** For an e-licence key, the licence kind it needs; null for identity keys. */
    public ELicence.Kind licenceKind() {
        if (fromIdentity()) {
            return null;
        }
        String rest = key.substring("eLicence.".length());
        int dot = rest.indexOf('.');
        return ELicence.Kind.valueOf(rest.substring(0, dot < 0 ? rest.length() : dot).toUpperCase(Locale.ROOT));
    }
}
