package io.dianxiaoer.core.code;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The limits a scanned payload must keep, a setting of the terminal.
 *
 * @param maxLength               characters (UTF-16 units) of any payload; longer ones are refused unread
 * @param maxUrlLength            characters of a web link
 * @param allowedHosts            hosts a web link may point to: {@code zwdt.sh.gov.cn} matches that host
 *                                exactly, {@code *.sh.gov.cn} any host below {@code sh.gov.cn} (not the
 *                                domain itself); lower-case ASCII only
 * @param maxPresentationValidity how far ahead a 随申码 / e-licence code may expire; a code claiming a longer
 *                                life is not a presentation code
 */
public record CodePolicy(int maxLength, int maxUrlLength, List<String> allowedHosts, Duration maxPresentationValidity) {

    private static final Pattern HOST_ENTRY = Pattern.compile("(\\*\\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    /** 512 characters, links only to the Shanghai government portal and the central one, codes living at most a day. */
    public static final CodePolicy DEFAULT = new CodePolicy(512, 512,
            List.of("zwdt.sh.gov.cn", "*.sh.gov.cn", "www.gov.cn"), Duration.ofHours(24));

    public CodePolicy {
        if (maxLength < 16 || maxLength > 4096) {
            throw new IllegalArgumentException("maxLength must be 16..4096, got " + maxLength);
        }
        if (maxUrlLength < 16 || maxUrlLength > maxLength) {
            throw new IllegalArgumentException("maxUrlLength must be 16..maxLength, got " + maxUrlLength);
        }
        allowedHosts = List.copyOf(allowedHosts);
        for (String h : allowedHosts) {
            if (!HOST_ENTRY.matcher(h).matches()) {
                throw new IllegalArgumentException("allowed host '" + h + "' is not a lower-case host name or *.domain");
            }
        }
        Objects.requireNonNull(maxPresentationValidity, "maxPresentationValidity");
        if (maxPresentationValidity.isNegative() || maxPresentationValidity.isZero()) {
            throw new IllegalArgumentException("maxPresentationValidity must be positive");
        }
    }

    /** Whether a link to {@code host} (as written in the link, any case) may be opened. */
    public boolean hostAllowed(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String entry : allowedHosts) {
            if (entry.startsWith("*.")) {
                String domain = entry.substring(1); // ".sh.gov.cn"
                if (h.endsWith(domain) && h.length() > domain.length()) {
                    return true;
                }
            } else if (h.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    public CodePolicy withAllowedHosts(List<String> hosts) {
        return new CodePolicy(maxLength, maxUrlLength, hosts, maxPresentationValidity);
    }
}
