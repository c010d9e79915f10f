package io.dianxiaoer.device.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dianxiaoer.core.identity.mrtd.ChipChecks;
import io.dianxiaoer.core.identity.mrtd.ChipVerdict;
import io.dianxiaoer.core.identity.mrtd.EmrtdReading;
import io.dianxiaoer.core.identity.mrtd.FaceImage;
import io.dianxiaoer.core.identity.mrtd.InvalidMrzException;
import io.dianxiaoer.core.identity.mrtd.MrzAccessKey;
import io.dianxiaoer.core.identity.mrtd.TravelDocument;
import io.dianxiaoer.device.emrtd.CscaTrustStore;
import io.dianxiaoer.device.emrtd.EmrtdReader;
import io.dianxiaoer.device.pcsc.PcscException;
import io.dianxiaoer.device.pcsc.PcscService;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;

/**
 * The technicians' PC/SC commands of {@link DeviceTool}: {@code pcsc-list} and {@code read-passport}.
 * Machine-readable JSON on stdout, plain words on stderr. The passport output holds personal data
 * by design: it goes to stdout only, never to a log.
 */
final class PcscCommands {

    private PcscCommands() {
    }

    /** {@code pcsc-list}: every reader, whether a card is on it, and the card's ATR. */
    static int list(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1) {
            err.println("pcsc-list takes no options");
            return DeviceTool.USAGE;
        }
        ObjectMapper mapper = mapper();
        ObjectNode o = mapper.createObjectNode();
        try {
            List<CardTerminal> terminals = PcscService.terminals().list();
            o.put("service", "running");
            ArrayNode readers = o.putArray("readers");
            for (CardTerminal t : terminals) {
                ObjectNode r = readers.addObject();
                r.put("name", t.getName());
                boolean present = t.isCardPresent();
                r.put("cardPresent", present);
                if (present) {
                    r.put("atr", atr(t).orElse(null));
                }
            }
            out.println(mapper.writeValueAsString(o));
            return DeviceTool.OK;
        } catch (PcscException e) {
            err.println(e.getMessage());
            return DeviceTool.PORT_ERROR;
        } catch (CardException e) {
            err.println(PcscService.classify(e, "listing PC/SC readers").getMessage());
            return DeviceTool.PORT_ERROR;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ATR of the card on {@code t} (a shared connection, released at once), or empty if it cannot be had. */
    private static Optional<String> atr(CardTerminal t) {
        try {
            Card c = t.connect("*");
            try {
                return Optional.of(HexFormat.of().withUpperCase().formatHex(c.getATR().getBytes()));
            } finally {
                c.disconnect(false);
            }
        } catch (CardException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code read-passport --reader NAME --doc N --birth YYMMDD --expiry YYMMDD [--trust PATH] [--timeout S] [--photo]}. */
    static int readPassport(String[] args, PrintStream out, PrintStream err) {
        String reader = null;
        String doc = null;
        String birth = null;
        String expiry = null;
        String trustPath = System.getenv("DXE_CSCA_TRUST");
        Duration timeout = Duration.ofSeconds(15);
        boolean photo = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--photo")) {
                photo = true;
                continue;
            }
            if (i + 1 >= args.length) {
                err.println(a + " needs a value");
                return DeviceTool.USAGE;
            }
            String v = args[++i];
            switch (a) {
                case "--reader" -> reader = v;
                case "--doc" -> doc = v;
                case "--birth" -> birth = v;
                case "--expiry" -> expiry = v;
                case "--trust" -> trustPath = v;
                case "--timeout" -> {
                    try {
                        timeout = Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
                    } catch (NumberFormatException e) {
                        err.println("--timeout takes a number of seconds");
                        return DeviceTool.USAGE;
                    }
                }
                default -> {
                    err.println("unknown option " + a);
                    return DeviceTool.USAGE;
                }
            }
        }
        if (reader == null || doc == null || birth == null || expiry == null) {
            err.println("read-passport needs --reader, --doc, --birth and --expiry");
            return DeviceTool.USAGE;
        }
        MrzAccessKey key;
        try {
            key = MrzAccessKey.of(doc, birth, expiry);
        } catch (InvalidMrzException e) {
            err.println(e.english() + " / " + e.chinese());
            return DeviceTool.USAGE;
        }
        CscaTrustStore trust = CscaTrustStore.empty();
        if (trustPath != null && !trustPath.isBlank()) {
            try {
                String pw = System.getenv("DXE_CSCA_TRUST_PASSWORD");
                trust = CscaTrustStore.load(Path.of(trustPath), pw == null ? null : pw.toCharArray());
            } catch (IOException e) {
                err.println("cannot read the trust store " + trustPath + ": " + e.getMessage());
                return DeviceTool.USAGE;
            }
        } else {
            err.println("note: no --trust given (nor DXE_CSCA_TRUST): no signer can be trusted");
        }
        try (EmrtdReader r = new EmrtdReader(trust, EmrtdReader.Settings.DEFAULT, Clock.systemUTC())) {
            EmrtdReading reading = waitForDocument(r, reader, key, timeout);
            try {
                out.println(toJson(reading, photo));
            } finally {
                reading.wipe();
            }
            return switch (reading.verdict()) {
                case VERIFIED -> DeviceTool.OK;
                case NO_DOCUMENT -> DeviceTool.NO_CARD;
                case READER_UNAVAILABLE -> DeviceTool.PORT_ERROR;
                default -> DeviceTool.BAD_CARD;
            };
        }
    }

    /** Retries while the reader is empty, until {@code timeout}. */
    private static EmrtdReading waitForDocument(EmrtdReader r, String reader, MrzAccessKey key, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            EmrtdReading reading = r.readBlocking(reader, key);
            if (reading.verdict() != ChipVerdict.NO_DOCUMENT || System.nanoTime() > deadline) {
                return reading;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return reading;
            }
        }
    }

    /** The reading as JSON: DG1 fields, the face's size and hash, and the passive-authentication verdict. */
    static String toJson(EmrtdReading reading, boolean withPhoto) {
        ObjectMapper mapper = mapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("kind", "EMRTD");
        ObjectNode v = o.putObject("verdict");
        v.put("code", reading.verdict().name());
        v.put("verified", reading.isVerified());
        v.put("zh", reading.verdict().chinese());
        v.put("en", reading.verdict().english());
        if (reading.document().isPresent()) {
            TravelDocument d = reading.document().get();
            ObjectNode n = o.putObject("document");
            n.put("documentCode", d.documentCode());
            n.put("issuingState", d.issuingState());
            n.put("surname", d.surname());
            n.put("givenNames", d.givenNames());
            n.put("documentNumber", d.documentNumber());
            n.put("nationality", d.nationality());
            n.put("birthDate", d.birthDate());
            n.put("sex", String.valueOf(d.sex()));
            n.put("expiryDate", d.expiryDate());
            n.put("optionalData", d.optionalData());
        } else {
            o.putNull("document");
        }
        if (reading.face().isPresent()) {
            FaceImage f = reading.face().get();
            ObjectNode n = o.putObject("face");
            n.put("mimeType", f.mimeType());
            n.put("width", f.width());
            n.put("height", f.height());
            byte[] b = f.bytes();
            n.put("bytes", b.length);
            n.put("sha256", sha256(b));
            if (withPhoto) {
                n.put("base64", Base64.getEncoder().encodeToString(b));
            }
        } else {
            o.putNull("face");
        }
        ChipChecks c = reading.checks();
        ObjectNode sod = o.putObject("sod");
        sod.putPOJO("dataGroupsChecked", c.dataGroupsChecked());
        sod.putPOJO("dataGroupsMismatched", c.dataGroupsMismatched());
        c.signatureValid().ifPresentOrElse(b -> sod.put("signatureValid", b), () -> sod.putNull("signatureValid"));
        c.signerTrusted().ifPresentOrElse(b -> sod.put("signerTrusted", b), () -> sod.putNull("signerTrusted"));
        sod.put("signer", c.signer().orElse(null));
        sod.put("detail", c.detail());
        try {
            return mapper.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
