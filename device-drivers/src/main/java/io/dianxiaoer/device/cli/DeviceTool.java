package io.dianxiaoer.device.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dianxiaoer.core.identity.ResidentIdCard;
import io.dianxiaoer.device.idcard.CardDataException;
import io.dianxiaoer.device.idcard.IdCardTextParser;
import io.dianxiaoer.device.idcard.RawCardData;
import io.dianxiaoer.device.idcard.SamClient;
import io.dianxiaoer.device.idcard.SamProtocolException;
import io.dianxiaoer.device.idcard.SamTimeoutException;
import io.dianxiaoer.device.transport.Transport;
import io.dianxiaoer.device.transport.Transports;
import java.io.IOException;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Technicians' command line for the devices: machine-readable output on stdout, plain-words
 * errors on stderr, and an exit code a script can test.
 *
 * <pre>
 * read-idcard --port URI [--timeout SECONDS] [--photo]
 *     Waits for a card, reads it once and prints the parsed identity as JSON.
 *     URI: tcp://host:port, serial:/dev/ttyUSB0?baud=115200, or a device path.
 * capture-page --camera SOURCE --out FILE.jpg [--timeout SECONDS] [--budget KB]
 *     Takes one page with the document camera, writes it, prints its quality as JSON
 *     (see {@link CapturePageCommand}).
 * </pre>
 *
 * Exit codes: 0 read; 2 usage; 3 no card within the timeout; 4 card or reply invalid; 5 port unusable
 * (missing, refused, or no reader answering on it).
 */
public final class DeviceTool {

    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int NO_CARD = 3;
    public static final int BAD_CARD = 4;
    public static final int PORT_ERROR = 5;

    private DeviceTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("capture-page")) {
            return CapturePageCommand.run(args, out, err);
        }
        if (args.length == 0 || !args[0].equals("read-idcard")) {
            usage(err);
            return USAGE;
        }
        String port = null;
        Duration timeout = Duration.ofSeconds(15);
        boolean withPhoto = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = i + 1 < args.length ? args[++i] : null;
                case "--timeout" -> {
                    try {
                        timeout = Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000));
                    } catch (RuntimeException e) {
                        err.println("--timeout takes a number of seconds");
                        return USAGE;
                    }
                }
                case "--photo" -> withPhoto = true;
                default -> {
                    err.println("unknown option " + args[i]);
                    usage(err);
                    return USAGE;
                }
            }
        }
        if (port == null) {
            usage(err);
            return USAGE;
        }
        Transport t;
        try {
            t = Transports.fromUri(port, 115200).get();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        try (t) {
            t.open();
            SamClient client = new SamClient(t, Duration.ofSeconds(1));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (client.findCard() && client.selectCard()) {
                    RawCardData raw = client.readTextAndPhoto();
                    try {
                        ResidentIdCard card = IdCardTextParser.parseResident(raw.text(), raw.photo());
                        out.println(toJson(card, withPhoto));
                        return OK;
                    } finally {
                        raw.wipe();
                    }
                }
                Thread.sleep(200);
            }
            err.println("no card on the reader within " + timeout.toSeconds() + " s");
            return NO_CARD;
        } catch (SamTimeoutException e) {
            // Nothing answered: a wrong port, a wrong baud rate or a hung reader, not a bad card.
            err.println("port " + t.describe() + " unusable: the reader does not answer (" + e.getMessage() + ")");
            return PORT_ERROR;
        } catch (CardDataException | SamProtocolException e) {
            err.println("card could not be read: " + e.getMessage());
            return BAD_CARD;
        } catch (IOException e) {
            err.println("port " + t.describe() + " unusable: " + e.getMessage());
            return PORT_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PORT_ERROR;
        }
    }

    /** The identity as JSON: the output technicians compare against other readers. */
    public static String toJson(ResidentIdCard card, boolean withPhoto) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = mapper.createObjectNode();
        o.put("kind", "RESIDENT_ID_CARD");
        o.put("name", card.name());
        ObjectNode g = o.putObject("gender");
        g.put("code", String.valueOf(card.gender().code()));
        g.put("zh", card.gender().chinese());
        g.put("en", card.gender().english());
        ObjectNode n = o.putObject("nation");
        n.put("code", card.nation().code());
        n.put("zh", card.nation().chinese());
        n.put("en", card.nation().english());
        o.put("birthDate", card.birthDate().toString());
        o.put("address", card.address());
        o.put("idNumber", card.idNumber().value());
        o.put("idNumberCheckDigitValid", true);
        o.put("issuingAuthority", card.issuingAuthority());
        o.put("validFrom", card.validity().validFrom().toString());
        if (card.validity().isLongTerm()) {
            o.putNull("validTo");
        } else {
            o.put("validTo", card.validity().validTo().get().toString());
        }
        o.put("longTerm", card.validity().isLongTerm());
        byte[] photo = card.photoWlt();
        ObjectNode p = o.putObject("photoWlt");
        p.put("bytes", photo.length);
        p.put("sha256", sha256(photo));
        if (withPhoto) {
            p.put("base64", Base64.getEncoder().encodeToString(photo));
        }
        try {
            return mapper.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void usage(PrintStream err) {
        err.print("""
                usage: dxe read-idcard --port URI [--timeout SECONDS] [--photo]
                  URI  tcp://127.0.0.1:7001 | serial:/dev/ttyUSB0?baud=115200 | /dev/ttyUSB0
                  prints the card's identity as JSON on stdout; exit 0 read, 3 no card, 4 bad card, 5 port error
                """);
        CapturePageCommand.usage(err);
    }
}
