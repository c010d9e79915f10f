package io.dianxiaoer.device.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dianxiaoer.core.identity.DocumentKind;
import io.dianxiaoer.core.identity.ForeignPermanentResidentCard;
import io.dianxiaoer.core.identity.HmtResidencePermit;
import io.dianxiaoer.core.identity.IdentityDocument;
import io.dianxiaoer.core.identity.ResidentIdCard;
import io.dianxiaoer.device.idcard.CardDataException;
import io.dianxiaoer.device.idcard.IdCardTextParser;
import io.dianxiaoer.device.idcard.RawCardData;
import io.dianxiaoer.device.idcard.SamClient;
import io.dianxiaoer.device.idcard.SamProtocolException;
import io.dianxiaoer.device.idcard.SamTimeoutException;
import io.dianxiaoer.device.idcard.UnsupportedCardException;
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
 * read-idcard --port URI [--timeout SECONDS] [--photo] [--fingerprint]
 *     Waits for a card, reads it once and prints the parsed identity as JSON (every layout:
 *     resident ID card, HK/Macao/Taiwan permit, foreign permanent resident card 2017/2023).
 * idcard-info --port URI
 *     SAM module status and id as JSON.
 * idcard-baud --port URI --baud N
 *     Switches the SAM module's serial speed.
 *     URI: tcp://host:port, serial:/dev/ttyUSB0?baud=115200, or a device path.
 * pcsc-list
 *     Lists the PC/SC readers, whether a card is on each, and its ATR, as JSON.
 * read-passport --reader NAME --doc N --birth YYMMDD --expiry YYMMDD [--trust PATH] [--timeout SECONDS] [--photo]
 *     Opens a chip passport or travel permit by BAC, reads DG1 and DG2, checks the SOD against the
 *     trusted CSCA certificates in PATH (a directory, certificate file or key store; default: $DXE_CSCA_TRUST)
 *     and prints the MRZ fields, the face's size and hash, and the verdict as JSON.
 * scan-once --port URI [--timeout S] [--terminator any|cr|lf|crlf] [--trigger] [--baud N]
 *     Waits for one scanned code and prints it with its classification ({@link ScanOnceCommand}).
 * locker-open --port URI --board B --lock L [--closed-reads 11|00]
 * locker-status --port URI [--board B [--channels N] [--presence]] [--bus SPEC] [--closed-reads 11|00]
 *     One lock board command each ({@link LockerCommands}).
 * health --json [--idcard URI] [--scanner URI [--scanner-probe]] [--locker URI [--bus SPEC]] [--wait S]
 *     Every device named, opened through its driver, its health as JSON ({@link HealthCommand}).
 * capture-page --camera SOURCE --out FILE.jpg [--timeout SECONDS] [--budget KB]
 *     Takes one page with the document camera, writes it, prints its quality as JSON
 *     (see {@link CapturePageCommand}).
 * face-check --camera SOURCE [--timeout SECONDS]
 *     One face capture with the blink challenge; prints the verdict, the guidance and the gate measures
 *     as JSON, never the face ({@link FaceCheckCommand}; exit 0 blink seen, 3 not in time, 5 no picture).
 * </pre>
 *
 * Exit codes: 0 done; 2 usage; 3 nothing came in time (no card, no code); 4 what came is invalid (card,
 * reply, a code the terminal refuses, a door that stays closed); 5 port unusable (missing, refused, or
 * no device answering on it; PC/SC service not running); 6 (health) a device is not usable. read-passport:
 * 0 only when verified, 4 for any refusal (wrong MRZ data, tampered, untrusted, expired).
 */
public final class DeviceTool {

    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int NO_CARD = 3;
    public static final int BAD_CARD = 4;
    public static final int PORT_ERROR = 5;
    public static final int NOT_USABLE = 6;

    private DeviceTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            usage(err);
            return USAGE;
        }
        try {
            return switch (args[0]) {
                case "read-idcard" -> readIdCard(args, out, err);
                case "idcard-info", "idcard-baud" -> IdCardMaintenance.run(args, out, err);
                case "pcsc-list" -> PcscCommands.list(args, out, err);
                case "read-passport" -> PcscCommands.readPassport(args, out, err);
                case "scan-once" -> ScanOnceCommand.run(args, out, err);
                case "locker-open" -> LockerCommands.open(args, out, err);
                case "locker-status" -> LockerCommands.status(args, out, err);
                case "health" -> HealthCommand.run(args, out, err);
                case "capture-page" -> CapturePageCommand.run(args, out, err);
                case "face-check" -> FaceCheckCommand.run(args, out, err);
                default -> {
                    usage(err);
                    yield USAGE;
                }
            };
        } catch (CliArgs.UsageException e) {
            err.println(e.getMessage());
            usage(err);
            return USAGE;
        }
    }

    private static int readIdCard(String[] args, PrintStream out, PrintStream err) {
        String port = null;
        Duration timeout = Duration.ofSeconds(15);
        boolean withPhoto = false;
        boolean withFingerprint = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = i + 1 < args.length ? args[++i] : null;
                case "--fingerprint" -> withFingerprint = true;
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
                    RawCardData raw = withFingerprint ? client.readTextPhotoFingerprint() : client.readTextAndPhoto();
                    try {
                        IdentityDocument card = IdCardTextParser.parse(raw.text(), raw.photo());
                        if (card instanceof ResidentIdCard resident) {
                            card = resident.withAppendedAddress(client.readAppendedAddress());
                        }
                        out.println(toJson(card, withPhoto, raw.fingerprint()));
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
        } catch (CardDataException | SamProtocolException | UnsupportedCardException e) {
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
    public static String toJson(IdentityDocument doc, boolean withPhoto) {
        return toJson(doc, withPhoto, new byte[0]);
    }

    static String toJson(IdentityDocument doc, boolean withPhoto, byte[] fingerprint) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = mapper.createObjectNode();
        o.put("kind", doc.kind().name());
        o.put("kindName", doc.kind().chinese());
        ObjectNode g = mapper.createObjectNode();
        g.put("code", String.valueOf(doc.gender().code()));
        g.put("zh", doc.gender().chinese());
        g.put("en", doc.gender().english());
        if (doc instanceof ResidentIdCard card) {
            o.put("name", card.name());
            o.set("gender", g);
            ObjectNode n = o.putObject("nation");
            n.put("code", card.nation().code());
            n.put("zh", card.nation().chinese());
            n.put("en", card.nation().english());
            o.put("birthDate", card.birthDate().toString());
            o.put("address", card.address());
            if (card.appendedAddress().isPresent()) {
                o.put("appendedAddress", card.appendedAddress().get());
            } else {
                o.putNull("appendedAddress");
            }
            o.put("idNumber", card.idNumber().value());
            o.put("idNumberCheckDigitValid", true);
            o.put("issuingAuthority", card.issuingAuthority());
        } else if (doc instanceof HmtResidencePermit permit) {
            o.put("name", permit.name());
            o.set("gender", g);
            o.put("birthDate", permit.birthDate().toString());
            o.put("address", permit.address());
            o.put("idNumber", permit.idNumber().value());
            o.put("idNumberCheckDigitValid", true);
            o.put("origin", permit.origin());
            o.put("issuingAuthority", permit.issuingAuthority());
            o.put("passNumber", permit.passNumber());
            o.put("issueCount", permit.issueCount());
        } else if (doc instanceof ForeignPermanentResidentCard foreign) {
            o.put("englishName", foreign.englishName());
            o.put("chineseName", foreign.chineseName());
            o.set("gender", g);
            o.put("birthDate", foreign.birthDate().toString());
            o.put("cardNumber", foreign.cardNumber());
            o.put("cardNumberCheckDigitValid", doc.kind() == DocumentKind.FOREIGN_PERMANENT_RESIDENT_2023);
            o.put("nationality", foreign.nationality());
            o.put("issuingOffice", foreign.issuingOffice());
            o.put("cardVersion", foreign.cardVersion());
        }
        o.put("validFrom", doc.validity().validFrom().toString());
        if (doc.validity().isLongTerm()) {
            o.putNull("validTo");
        } else {
            o.put("validTo", doc.validity().validTo().get().toString());
        }
        o.put("longTerm", doc.validity().isLongTerm());
        byte[] photo = doc.photoWlt();
        ObjectNode p = o.putObject("photoWlt");
        p.put("bytes", photo.length);
        p.put("sha256", sha256(photo));
        if (withPhoto) {
            p.put("base64", Base64.getEncoder().encodeToString(photo));
        }
        if (fingerprint.length > 0) {
            ObjectNode f = o.putObject("fingerprint");
            f.put("bytes", fingerprint.length);
            f.put("sha256", sha256(fingerprint));
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
                usage: dxe read-idcard --port URI [--timeout SECONDS] [--photo] [--fingerprint]
                       dxe idcard-info --port URI              SAM module status and id as JSON
                       dxe idcard-baud --port URI --baud N     switch the module to N baud (115200 57600 38400 19200 9600)
                  URI  tcp://127.0.0.1:7001 | serial:/dev/ttyUSB0?baud=115200 | /dev/ttyUSB0
                       dxe scan-once --port URI [--timeout S] [--terminator any|cr|lf|crlf] [--trigger] [--baud N]
                       dxe locker-open --port URI --board B --lock L [--closed-reads 11|00] [--baud N]
                       dxe locker-status --port URI [--board B [--channels N] [--presence]] [--bus SPEC]
                                         [--closed-reads 11|00] [--baud N]
                       dxe health --json [--idcard URI] [--scanner URI [--scanner-probe]]
                                         [--locker URI [--bus SPEC] [--closed-reads 11|00]] [--wait S]
                  URI  tcp://127.0.0.1:7001 | serial:/dev/ttyUSB0?baud=115200 | /dev/ttyUSB0
                  SPEC lock boards on the bus, e.g. 1:12p,2:8/24 (address:locks[/channels][p = item sensors])
                  JSON on stdout, plain errors on stderr; exit 0 done, 2 usage, 3 nothing came in time,
                  4 invalid (card, reply, refused code, door stays closed), 5 port unusable, 6 device not usable
                usage: dxe pcsc-list
                usage: dxe read-passport --reader NAME --doc N --birth YYMMDD --expiry YYMMDD [--trust PATH] [--timeout S] [--photo]
                  prints the DG1 fields and the SOD verdict as JSON; exit 0 verified, 3 no document, 4 refused, 5 no PC/SC
                """);
        CapturePageCommand.usage(err);
        err.println("usage: dxe face-check --camera SOURCE [--timeout SECONDS]");
    }
}
