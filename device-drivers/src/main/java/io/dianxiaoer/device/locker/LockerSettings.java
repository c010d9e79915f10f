package io.dianxiaoer.device.locker;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The cabinet and the driver's timing.
 *
 * @param boards                  the boards on the bus, in compartment order
 * @param polarity                how a closed door reads ({@link HookPolarity})
 * @param replyTimeout            how long one command waits for its reply
 * @param slowReply               a reply slower than this counts as slow (RS-485 boards answer in ~10 ms)
 * @param idlePoll                poll interval while every door is closed (also notices doors forced open)
 * @param openPoll                poll interval while a door is open (about once a second)
 * @param doorOpenAlarm           a door open longer than this raises {@code DOOR_LEFT_OPEN}, once per opening
 * @param reconnectDelay          wait between attempts to reopen a missing or silent port
 * @param offlineAfterSilentPolls polls in a row in which no board answers before the bus counts as gone
 * @param errorWindow             errors are counted over this window …
 * @param degradedAfterErrors     … and this many in it make the locker DEGRADED, until a window passes without
 * @param tick                    the loop's slice: how long it listens between polls (bounds command latency)
 */
public record LockerSettings(List<BoardConfig> boards, HookPolarity polarity, Duration replyTimeout, Duration slowReply,
                             Duration idlePoll, Duration openPoll, Duration doorOpenAlarm, Duration reconnectDelay,
                             int offlineAfterSilentPolls, Duration errorWindow, int degradedAfterErrors, Duration tick) {

    public LockerSettings {
        boards = List.copyOf(boards);
        if (boards.isEmpty()) {
            throw new IllegalArgumentException("a locker needs at least one board");
        }
        if (boards.stream().map(BoardConfig::address).distinct().count() != boards.size()) {
            throw new IllegalArgumentException("two boards with the same address");
        }
        Objects.requireNonNull(polarity, "polarity");
        for (Duration d : new Duration[] {replyTimeout, slowReply, idlePoll, openPoll, doorOpenAlarm, reconnectDelay,
                                          errorWindow, tick}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("times must be positive");
            }
        }
        if (offlineAfterSilentPolls < 1 || degradedAfterErrors < 1) {
            throw new IllegalArgumentException("counts must be at least 1");
        }
    }

    /**
     * Defaults for a real cabinet: 500 ms replies, a poll every second (a read-board costs ~15 ms of a 9600 baud
     * bus, and polling while every door is closed too keeps a silent bus reported within 2 s and notices doors
     * forced open), door alarm after 2 minutes.
     */
    public static LockerSettings of(List<BoardConfig> boards, HookPolarity polarity) {
        return new LockerSettings(boards, polarity, Duration.ofMillis(500), Duration.ofMillis(150), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofSeconds(1), 3, Duration.ofSeconds(10), 3,
                Duration.ofMillis(100));
    }

    public int compartments() {
        return boards.stream().mapToInt(BoardConfig::locks).sum();
    }

    public LockerSettings withPolls(Duration idle, Duration open) {
        return new LockerSettings(boards, polarity, replyTimeout, slowReply, idle, open, doorOpenAlarm, reconnectDelay,
                offlineAfterSilentPolls, errorWindow, degradedAfterErrors, tick);
    }

    public LockerSettings withTimeouts(Duration reply, Duration slow, Duration reconnect) {
        return new LockerSettings(boards, polarity, reply, slow, idlePoll, openPoll, doorOpenAlarm, reconnect,
                offlineAfterSilentPolls, errorWindow, degradedAfterErrors, tick);
    }

    public LockerSettings withDoorOpenAlarm(Duration alarm) {
        return new LockerSettings(boards, polarity, replyTimeout, slowReply, idlePoll, openPoll, alarm, reconnectDelay,
                offlineAfterSilentPolls, errorWindow, degradedAfterErrors, tick);
    }

    public LockerSettings withErrorWindow(Duration window) {
        return new LockerSettings(boards, polarity, replyTimeout, slowReply, idlePoll, openPoll, doorOpenAlarm,
                reconnectDelay, offlineAfterSilentPolls, window, degradedAfterErrors, tick);
    }

    public LockerSettings withPolarity(HookPolarity p) {
        return new LockerSettings(boards, p, replyTimeout, slowReply, idlePoll, openPoll, doorOpenAlarm,
                reconnectDelay, offlineAfterSilentPolls, errorWindow, degradedAfterErrors, tick);
    }
}
