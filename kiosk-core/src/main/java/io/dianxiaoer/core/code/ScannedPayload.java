package io.dianxiaoer.core.code;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A payload that passed {@link CodeParser}: what it is and its fields. The formats are defined in
 * {@code docs/codes.md}; each structured record can also write its canonical payload
 * ({@code payload()}), which the simulator and the tests use to make valid codes.
 *
 * <p>Immutable. Records holding a credential (a 随申码 token, a pickup code, arbitrary text) mask
 * it in {@code toString}.
 */
public sealed interface ScannedPayload {

    CodeKind kind();

    /**
     * A 随申码 ({@link CodeKind#SUISHEN_CODE}) or an e-licence presentation code
     * ({@link CodeKind#E_LICENCE}): {@code SSM1:<H|L>:<expiry epoch seconds, 10 digits>:<token>:<check>}.
     * The token is opaque: the terminal hands it to the back office, which resolves it to a person or a licence.
     */
    record SuishenCode(CodeKind kind, Instant expiresAt, String token) implements ScannedPayload {
        public SuishenCode {
            if (kind != CodeKind.SUISHEN_CODE && kind != CodeKind.E_LICENCE) {
                throw new IllegalArgumentException("a Suishen code is SUISHEN_CODE or E_LICENCE, not " + kind);
            }
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(token, "token");
        }

        public String payload() {
            String epoch = String.format("%010d", expiresAt.getEpochSecond());
            String letter = kind == CodeKind.SUISHEN_CODE ? "H" : "L";
            return "SSM1:" + letter + ":" + epoch + ":" + token + ":" + Iso7064.mod37_36("SSM1" + letter + epoch + token);
        }

        @Override
        public String toString() {
            return "SuishenCode[kind=" + kind + ", expiresAt=" + expiresAt + ", token=(" + token.length() + " chars)]";
        }
    }

    /**
     * An appointment check-in code: {@code APT1:<yyyyMMdd>:<hall, 6 digits>:<HHmm>:<number, 4 digits>:<check>}.
     * Whether the date is today is the caller's rule (it needs the kiosk's clock and says so in its own words).
     */
    record AppointmentCheckIn(LocalDate date, String hall, LocalTime slot, int number) implements ScannedPayload {
        public AppointmentCheckIn {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(hall, "hall");
            Objects.requireNonNull(slot, "slot");
        }

        @Override
        public CodeKind kind() {
            return CodeKind.APPOINTMENT_CHECK_IN;
        }

        public String payload() {
            String d = String.format("%04d%02d%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
            String t = String.format("%02d%02d", slot.getHour(), slot.getMinute());
            String n = String.format("%04d", number);
            return "APT1:" + d + ":" + hall + ":" + t + ":" + n + ":" + Iso7064.mod37_36("APT1" + d + hall + t + n);
        }
    }

    /** A locker pickup code: {@code LKR1:<cabinet, 2-8 of 0-9A-Z>:<pickup code, 8 digits>:<check>}. */
    record LockerPickup(String cabinet, String pickupCode) implements ScannedPayload {
        public LockerPickup {
            Objects.requireNonNull(cabinet, "cabinet");
            Objects.requireNonNull(pickupCode, "pickupCode");
        }

        @Override
        public CodeKind kind() {
            return CodeKind.LOCKER_PICKUP;
        }

        public String payload() {
            return "LKR1:" + cabinet + ":" + pickupCode + ":" + Iso7064.mod37_36("LKR1" + cabinet + pickupCode);
        }

        @Override
        public String toString() {
            return "LockerPickup[cabinet=" + cabinet + ", pickupCode=********]";
        }
    }

    /** An https link to an allowed host. */
    record WebLink(URI uri) implements ScannedPayload {
        public WebLink {
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public CodeKind kind() {
            return CodeKind.WEB_LINK;
        }

        @Override
        public String toString() {
            // path and query may carry tokens: the host is enough to tell links apart in a log
            return "WebLink[host=" + uri.getHost() + "]";
        }
    }

    /** Printable text of none of the known formats. The caller decides; by default nothing happens. */
    record UnknownCode(String text) implements ScannedPayload {
        public UnknownCode {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public CodeKind kind() {
            return CodeKind.UNKNOWN;
        }

        @Override
        public String toString() {
            return "UnknownCode[chars=" + text.length() + "]";
        }
    }
}
