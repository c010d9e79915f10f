package io.dianxiaoer.device.locker;

import java.util.ArrayList;
import java.util.List;

/**
 * One lock board on the bus: its address (DIP switches), how many compartments are wired to it,
 * how many channels it reports (this sets the width of its bitmaps, {@code ceil(channels / 8)} bytes
 * — a 24-channel board sends 3 bytes even with 8 locks wired), and whether it has item sensors (and
 * so sends presence bitmaps, see {@link LockerProtocol}).
 */
public record BoardConfig(int address, int locks, int channels, boolean presence) {

    public BoardConfig {
        if (address < 0 || address > 255) {
            throw new IllegalArgumentException("board address must be 0..255, got " + address);
        }
        if (channels < 1 || channels > LockerProtocol.MAX_LOCKS) {
            throw new IllegalArgumentException("a board has 1.." + LockerProtocol.MAX_LOCKS + " channels, got " + channels);
        }
        if (locks < 1 || locks > channels) {
            throw new IllegalArgumentException("board " + address + " wires 1.." + channels + " locks, got " + locks);
        }
    }

    /** A board whose every channel drives a compartment. */
    public BoardConfig(int address, int locks, boolean presence) {
        this(address, locks, locks, presence);
    }

    /**
     * Parses a bus description such as {@code 1:12p,2:8/24}: board 1 with 12 locks and item sensors,
     * board 2 with 8 locks wired on a 24-channel board without sensors. Compartments are numbered
     * across the boards in this order.
     */
    public static List<BoardConfig> parseList(String spec) {
        List<BoardConfig> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.strip();
            boolean presence = p.endsWith("p") || p.endsWith("P");
            if (presence) {
                p = p.substring(0, p.length() - 1);
            }
            int colon = p.indexOf(':');
            int slash = p.indexOf('/');
            if (colon <= 0) {
                throw new IllegalArgumentException("board '" + part + "' is not ADDRESS:LOCKS[/CHANNELS][p], e.g. 1:12p");
            }
            try {
                int address = Integer.parseInt(p.substring(0, colon));
                int locks = Integer.parseInt(p.substring(colon + 1, slash < 0 ? p.length() : slash));
                int channels = slash < 0 ? locks : Integer.parseInt(p.substring(slash + 1));
                out.add(new BoardConfig(address, locks, channels, presence));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("board '" + part + "' is not ADDRESS:LOCKS[/CHANNELS][p], e.g. 1:12p");
            }
        }
        if (out.stream().map(BoardConfig::address).distinct().count() != out.size()) {
            throw new IllegalArgumentException("two boards with the same address in '" + spec + "'");
        }
        return List.copyOf(out);
    }

    /** The inverse of {@link #parseList} for one board. */
    public String spec() {
        return address + ":" + locks + (channels != locks ? "/" + channels : "") + (presence ? "p" : "");
    }
}
