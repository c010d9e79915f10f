package io.dianxiaoer.device.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dianxiaoer.device.locker.BoardConfig;
import io.dianxiaoer.device.locker.HookPolarity;
import io.dianxiaoer.device.locker.LockerClient;
import io.dianxiaoer.device.locker.LockerProtocolException;
import io.dianxiaoer.device.locker.LockerReply;
import io.dianxiaoer.device.locker.LockerTimeoutException;
import io.dianxiaoer.device.transport.Transport;
import io.dianxiaoer.device.transport.Transports;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * {@code locker-open} and {@code locker-status}: single commands to the lock boards through the
 * production client, JSON on stdout.
 *
 * <pre>
 * locker-open   --port URI --board B --lock L [--closed-reads 11|00] [--baud N] [--timeout S]
 *     exit 0 the door reads open, 4 it still reads closed (stuck) or the reply was corrupt, 5 no answer / port unusable
 * locker-status --port URI [--board B [--channels N] [--presence]] [--bus SPEC] [--closed-reads 11|00] [--baud N]
 *     every lock's door (and item, on boards with sensors). Without --board or --bus it asks boards 1..8
 *     as --channels-channel boards (default 24). exit 0 every board asked answered (when scanning 1..8: at
 *     least one), 4 a corrupt reply, 5 no board answers / port unusable
 * </pre>
 */
final class LockerCommands {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private LockerCommands() {
    }

    static int open(String[] args, PrintStream out, PrintStream err) throws CliArgs.UsageException {
        CliArgs a = CliArgs.parse(args, Set.of("--port", "--board", "--lock", "--closed-reads", "--baud", "--timeout"),
                Set.of());
        String port = a.require("--port");
        a.require("--board");
        a.require("--lock");
        int board = a.intValue("--board", 1, 0, 255);
        int lock = a.intValue("--lock", 1, 1, 64);
        HookPolarity polarity = polarity(a);
        Transport t = transport(port, a);
        try (t) {
            t.open();
            LockerClient client = new LockerClient(t, a.seconds("--timeout", Duration.ofMillis(500)));
            LockerReply.LockState r = client.open(board, lock);
            boolean closed = r.closed(polarity);
            ObjectNode o = json().createObjectNode();
            o.put("kind", "LOCKER_OPEN");
            o.put("board", board);
            o.put("lock", lock);
            o.put("state", String.format("%02X", r.state()));
            o.put("door", closed ? "CLOSED" : "OPEN");
            o.put("opened", !closed);
            o.put("polarity", polarity.name());
            o.put("replyMs", client.lastReplyTime().toMillis());
            out.println(write(o));
            if (closed) {
                err.println("board " + board + " pulsed lock " + lock + " but the door still reads closed: stuck door,"
                        + " jammed lock, or the wrong --closed-reads setting");
                return DeviceTool.BAD_CARD;
            }
            return DeviceTool.OK;
        } catch (LockerTimeoutException e) {
            err.println("port " + t.describe() + ": board " + board + " does not answer (" + e.getMessage() + ")");
            return DeviceTool.PORT_ERROR;
        } catch (LockerProtocolException e) {
            err.println("board " + board + " answered with a corrupt reply: " + e.getMessage());
            return DeviceTool.BAD_CARD;
        } catch (IOException e) {
            err.println("port " + t.describe() + " unusable: " + e.getMessage());
            return DeviceTool.PORT_ERROR;
        }
    }

    static int status(String[] args, PrintStream out, PrintStream err) throws CliArgs.UsageException {
        CliArgs a = CliArgs.parse(args, Set.of("--port", "--board", "--channels", "--bus", "--closed-reads", "--baud",
                "--timeout"), Set.of("--presence"));
        String port = a.require("--port");
        HookPolarity polarity = polarity(a);
        List<BoardConfig> boards = new ArrayList<>();
        boolean scanning = false;
        if (a.get("--bus") != null) {
            if (a.get("--board") != null) {
                throw new CliArgs.UsageException("give --board or --bus, not both");
            }
            try {
                boards.addAll(BoardConfig.parseList(a.get("--bus")));
            } catch (IllegalArgumentException e) {
                throw new CliArgs.UsageException(e.getMessage());
            }
        } else {
            int channels = a.intValue("--channels", 24, 1, 64);
            if (a.get("--board") != null) {
                boards.add(new BoardConfig(a.intValue("--board", 1, 0, 255), channels, a.flag("--presence")));
            } else {
                scanning = true;
                for (int b = 1; b <= 8; b++) {
                    boards.add(new BoardConfig(b, channels, a.flag("--presence")));
                }
            }
        }
        Duration timeout = a.seconds("--timeout", Duration.ofMillis(scanning ? 250 : 500));
        Transport t = transport(port, a);
        try (t) {
            t.open();
            LockerClient client = new LockerClient(t, timeout);
            ObjectNode o = json().createObjectNode();
            o.put("kind", "LOCKER_STATUS");
            o.put("port", t.describe());
            o.put("polarity", polarity.name());
            ArrayNode list = o.putArray("boards");
            int answered = 0;
            boolean corrupt = false;
            int number = 1;
            for (BoardConfig b : boards) {
                ObjectNode bn = json().createObjectNode();
                bn.put("board", b.address());
                bn.put("channels", b.channels());
                try {
                    LockerReply.BoardStatus s = client.readBoard(b.address(), b.channels(), b.presence());
                    answered++;
                    bn.put("answered", true);
                    bn.put("replyMs", client.lastReplyTime().toMillis());
                    bn.put("hooks", HEX.formatHex(s.hooks()));
                    s.presence().ifPresent(p -> bn.put("presence", HEX.formatHex(p)));
                    ArrayNode locks = bn.putArray("locks");
                    for (int l = 1; l <= b.locks(); l++) {
                        ObjectNode ln = locks.addObject();
                        if (!scanning) {
                            ln.put("compartment", number + l - 1);
                        }
                        ln.put("lock", l);
                        ln.put("door", s.closed(l, polarity) ? "CLOSED" : "OPEN");
                        s.itemPresent(l).ifPresentOrElse(p -> ln.put("item", p ? "PRESENT" : "ABSENT"),
                                () -> ln.putNull("item"));
                    }
                    list.add(bn);
                } catch (LockerTimeoutException e) {
                    if (!scanning) {
                        bn.put("answered", false);
                        bn.put("error", "board " + b.address() + " does not answer");
                        list.add(bn);
                    }
                } catch (LockerProtocolException e) {
                    corrupt = true;
                    bn.put("answered", false);
                    bn.put("error", e.getMessage() + " (wrong --channels or --presence for this board?)");
                    list.add(bn);
                }
                number += b.locks();
            }
            out.println(write(o));
            if (answered == 0 && !corrupt) {
                err.println("port " + t.describe() + ": no lock board answers"
                        + (scanning ? " at addresses 1..8" : ""));
                return DeviceTool.PORT_ERROR;
            }
            if (corrupt) {
                err.println("a board answered with a corrupt reply (see the JSON)");
                return DeviceTool.BAD_CARD;
            }
            if (!scanning && answered < boards.size()) {
                err.println("not every board answers (see the JSON)");
                return DeviceTool.PORT_ERROR;
            }
            return DeviceTool.OK;
        } catch (IOException e) {
            err.println("port " + t.describe() + " unusable: " + e.getMessage());
            return DeviceTool.PORT_ERROR;
        }
    }

    static HookPolarity polarity(CliArgs a) throws CliArgs.UsageException {
        String p = a.get("--closed-reads");
        if (p == null || p.equals("11")) {
            return HookPolarity.CLOSED_READS_11;
        }
        if (p.equals("00")) {
            return HookPolarity.CLOSED_READS_00;
        }
        throw new CliArgs.UsageException("--closed-reads is 11 or 00 (what a closed door reads on this wiring)");
    }

    private static Transport transport(String port, CliArgs a) throws CliArgs.UsageException {
        try {
            return Transports.fromUri(port, a.intValue("--baud", 9600, 1, 4_000_000)).get();
        } catch (IllegalArgumentException e) {
            throw new CliArgs.UsageException(e.getMessage());
        }
    }

    private static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private static String write(ObjectNode o) {
        try {
            return json().writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
