package io.dianxiaoer.core.rating;

import java.util.Objects;

/** Who served the citizen: this kiosk on its own, the on-site helper, or a remote agent. */
public sealed interface Handler {

    /** An id for the intake's records (no personal data). */
    String id();

    /** Self-service at the kiosk with this id. */
    record Kiosk(String kioskId) implements Handler {
        public Kiosk {
            requireId(kioskId);
        }

        @Override
        public String id() {
            return "kiosk:" + kioskId;
        }
    }

    /** The staff member at the terminal (双屏 helper), by staff number. */
    record Staff(String staffNumber) implements Handler {
        public Staff {
            requireId(staffNumber);
        }

        @Override
        public String id() {
            return "staff:" + staffNumber;
        }
    }

    /** A remote agent who helped over video, by agent id. */
    record Agent(String agentId) implements Handler {
        public Agent {
            requireId(agentId);
        }

        @Override
        public String id() {
            return "agent:" + agentId;
        }
    }

    private static void requireId(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 48 || !id.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a handler id has 1 to 48 letters, digits, '.', '_' or '-'");
        }
    }
}
