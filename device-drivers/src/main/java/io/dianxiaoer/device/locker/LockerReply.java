package io.dianxiaoer.device.locker;

import java.util.Arrays;
import java.util.Optional;

/** A decoded reply of a lock board. Immutable (arrays are copied in and out). */
public sealed interface LockerReply {

    int board();

    /** The reply to open-lock ({@code head 8A}) or read-lock ({@code head 80}): one lock's state byte. */
    record LockState(int head, int board, int lock, int state) implements LockerReply {
        public boolean closed(HookPolarity polarity) {
            return polarity.closedState(state);
        }
    }

    /** The reply to read-board: the hook bitmap, and the presence bitmap on boards with item sensors. */
    record BoardStatus(int board, byte[] hooks, Optional<byte[]> presence) implements LockerReply {
        public BoardStatus {
            hooks = hooks.clone();
            presence = presence.map(byte[]::clone);
        }

        @Override
        public byte[] hooks() {
            return hooks.clone();
        }

        @Override
        public Optional<byte[]> presence() {
            return presence.map(byte[]::clone);
        }

        /** Whether lock {@code lock} (1-based) reads closed. */
        public boolean closed(int lock, HookPolarity polarity) {
            return polarity.closedBit(bit(hooks, lock));
        }

        /** Whether the sensor of lock {@code lock} sees an item; empty on a board without sensors. */
        public Optional<Boolean> itemPresent(int lock) {
            return presence.map(p -> bit(p, lock));
        }

        static boolean bit(byte[] map, int lock) {
            int i = lock - 1;
            return i / 8 < map.length && (map[i / 8] & (1 << (i % 8))) != 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BoardStatus b && b.board == board && Arrays.equals(b.hooks, hooks)
                    && Arrays.equals(b.presence.orElse(null), presence.orElse(null));
        }

        @Override
        public int hashCode() {
            return board * 31 + Arrays.hashCode(hooks);
        }

        @Override
        public String toString() {
            return "BoardStatus[board=" + board + ", hooks=" + java.util.HexFormat.of().formatHex(hooks)
                    + presence.map(p -> ", presence=" + java.util.HexFormat.of().formatHex(p)).orElse("") + "]";
        }
    }
}
