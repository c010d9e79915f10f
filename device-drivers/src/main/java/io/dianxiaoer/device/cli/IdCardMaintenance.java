package io.dianxiaoer.device.cli;

import io.dianxiaoer.device.idcard.SamClient;
import io.dianxiaoer.device.idcard.SamCommand;
import io.dianxiaoer.device.idcard.SamProtocolException;
import io.dianxiaoer.device.idcard.SamTimeoutException;
import io.dianxiaoer.device.transport.Transport;
import io.dianxiaoer.device.transport.Transports;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

/** {@code idcard-info} and {@code idcard-baud}: the SAM module itself, for technicians. Same exit codes as {@link DeviceTool}. */
final class IdCardMaintenance {

    private IdCardMaintenance() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String port = null;
        Integer baud = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = i + 1 < args.length ? args[++i] : null;
                case "--baud" -> {
                    try {
                        baud = Integer.parseInt(args[++i]);
                        SamCommand.setBaudRate(baud);
                    } catch (RuntimeException e) {
                        err.println("--baud takes one of 115200, 57600, 38400, 19200, 9600");
                        return DeviceTool.USAGE;
                    }
                }
                default -> {
                    err.println("unknown option " + args[i]);
                    return DeviceTool.USAGE;
                }
            }
        }
        if (port == null || (args[0].equals("idcard-baud") && baud == null)) {
            err.println("usage: dxe idcard-info --port URI | dxe idcard-baud --port URI --baud N");
            return DeviceTool.USAGE;
        }
        Transport t;
        try {
            t = Transports.fromUri(port, 115200).get();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return DeviceTool.USAGE;
        }
        try (t) {
            t.open();
            SamClient client = new SamClient(t, Duration.ofSeconds(1));
            if (args[0].equals("idcard-baud")) {
                client.setBaudRate(baud);
                out.printf("{\"baud\": %d, \"note\": \"reopen the port at the new speed\"}%n", baud);
            } else {
                boolean ok = client.samStatusOk();
                out.printf("{\"port\": \"%s\", \"samStatusOk\": %s, \"samId\": \"%s\"}%n",
                        t.describe().replace("\"", ""), ok, client.samId());
            }
            return DeviceTool.OK;
        } catch (SamTimeoutException e) {
            err.println("port " + t.describe() + " unusable: the reader does not answer (" + e.getMessage() + ")");
            return DeviceTool.PORT_ERROR;
        } catch (SamProtocolException e) {
            err.println("reader refused: " + e.getMessage());
            return DeviceTool.BAD_CARD;
        } catch (IOException e) {
            err.println("port " + t.describe() + " unusable: " + e.getMessage());
            return DeviceTool.PORT_ERROR;
        }
    }
}
