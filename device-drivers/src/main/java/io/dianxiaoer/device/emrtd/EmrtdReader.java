package io.dianxiaoer.device.emrtd;

import io.dianxiaoer.core.identity.mrtd.ChipChecks;
import io.dianxiaoer.core.identity.mrtd.ChipVerdict;
import io.dianxiaoer.core.identity.mrtd.EmrtdReading;
import io.dianxiaoer.core.identity.mrtd.FaceImage;
import io.dianxiaoer.core.identity.mrtd.MrzAccessKey;
import io.dianxiaoer.core.identity.mrtd.TravelDocument;
import io.dianxiaoer.device.api.DeviceCounters;
import io.dianxiaoer.device.pcsc.ApduChannel;
import io.dianxiaoer.device.pcsc.PcscException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import net.sf.scuba.smartcards.CardFileInputStream;
import net.sf.scuba.smartcards.CardServiceException;
import org.jmrtd.BACKey;
import org.jmrtd.PassportService;
import org.jmrtd.lds.icao.DG1File;
import org.jmrtd.lds.icao.DG2File;
import org.jmrtd.lds.icao.MRZInfo;
import org.jmrtd.lds.iso19794.FaceImageInfo;
import org.jmrtd.lds.iso19794.FaceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a chip passport or travel permit (ICAO 9303 eMRTD) on a PC/SC reader with JMRTD: selects
 * the eMRTD application, opens the chip with BAC from the citizen's MRZ data, reads DG1 (the MRZ)
 * and DG2 (the face), and runs {@link PassiveAuthentication} on them with the SOD against the
 * configured {@link CscaTrustStore}. Every outcome is an {@link EmrtdReading} with a distinct
 * {@link ChipVerdict}; nothing is thrown at the caller for a bad document.
 *
 * <p>PACE is not attempted yet: every eMRTD must still answer BAC (ICAO 9303 part 11), and the
 * virtual chip speaks BAC. Chips that only allow PACE will answer {@code ACCESS_DENIED}.
 *
 * <p><b>Threads.</b> {@link #read(String, MrzAccessKey)} runs on this reader's own single-thread
 * executor ("device-emrtd") and completes its future there; {@link #readBlocking} runs on the
 * caller's thread (for tools). A read takes about a second; never call the blocking form from a UI
 * thread. <b>Privacy.</b> Logs carry the verdict and the data-group numbers only; JMRTD's own
 * {@code java.util.logging} output is switched off because its messages may quote MRZ data.
 * Buffers of raw data groups are zeroed after parsing.
 */
public final class EmrtdReader implements AutoCloseable {

    /** Timing of one read. */
    public record Settings(Duration connectTimeout, Duration apduTimeout) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(5), Duration.ofSeconds(3));
    }

    private static final Logger log = LoggerFactory.getLogger(EmrtdReader.class);
    /** Strong references: java.util.logging keeps loggers weakly, and a collected logger would lose its level. */
    private static final java.util.logging.Logger[] SILENCED = {
            java.util.logging.Logger.getLogger("org.jmrtd"), java.util.logging.Logger.getLogger("net.sf.scuba")};

    static {
        for (java.util.logging.Logger l : SILENCED) {
            l.setLevel(Level.OFF);
        }
    }

    private final CscaTrustStore trust;
    private final Settings settings;
    private final Clock clock;
    private final DeviceCounters counters = new DeviceCounters();
    private final ExecutorService executor;

    public EmrtdReader(CscaTrustStore trust, Settings settings, Clock clock) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "device-emrtd");
            t.setDaemon(true);
            return t;
        });
    }

    /** Reads the document on {@code readerName} on this reader's executor. The future never fails. */
    public CompletableFuture<EmrtdReading> read(String readerName, MrzAccessKey key) {
        return CompletableFuture.supplyAsync(() -> readBlocking(readerName, key), executor);
    }

    /** Counters: reads, and one per verdict. */
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    /** Reads the document on {@code readerName} on the calling thread. */
    public EmrtdReading readBlocking(String readerName, MrzAccessKey key) {
        Objects.requireNonNull(key, "key");
        long t0 = System.nanoTime();
        EmrtdReading r;
        try (ApduChannel channel = ApduChannel.open(readerName, settings.connectTimeout(), settings.apduTimeout())) {
            r = readBlocking(channel, key);
        } catch (PcscException e) {
            r = EmrtdReading.failed(verdictFor(e), e.getMessage());
        } catch (RuntimeException e) {
            log.error("reading the document on {} failed", readerName, e);
            r = EmrtdReading.failed(ChipVerdict.CHIP_ERROR, "internal error: " + e.getClass().getSimpleName());
        }
        counters.increment("reads");
        counters.increment(r.verdict().name());
        if (log.isInfoEnabled() && r.verdict() != ChipVerdict.NO_DOCUMENT || log.isDebugEnabled()) {
            // an empty reader is the normal state of a waiting loop: not worth an INFO line each time
            String line = String.format("eMRTD on %s: %s in %d ms%s", readerName, r.verdict(),
                    (System.nanoTime() - t0) / 1_000_000, r.checks().detail().isEmpty() ? "" : " (" + r.checks().detail() + ")");
            if (r.verdict() == ChipVerdict.NO_DOCUMENT) {
                log.debug(line);
            } else {
                log.info(line);
            }
        }
        return r;
    }

    /** Reads through an open channel (the caller closes it). */
    public EmrtdReading readBlocking(ApduChannel channel, MrzAccessKey key) {
        ApduChannelCardService service = new ApduChannelCardService(channel);
        PassportService ps = new PassportService(service,
                PassportService.NORMAL_MAX_TRANCEIVE_LENGTH, PassportService.DEFAULT_MAX_BLOCKSIZE, false, false);
        try {
            ps.open();
            try {
                ps.sendSelectApplet(false);
            } catch (CardServiceException e) {
                return fail(service, e, ChipVerdict.NOT_A_TRAVEL_DOCUMENT, "the card has no eMRTD application (SW " + sw(e) + ")");
            }
            try {
                ps.doBAC(new BACKey(key.documentNumber(), key.birthDate(), key.expiryDate()));
            } catch (CardServiceException e) {
                return fail(service, e, ChipVerdict.ACCESS_DENIED,
                        "the chip refused BAC: the MRZ data does not open it (last status word " + sw(e) + ")");
            }
            Map<Integer, byte[]> groups = new LinkedHashMap<>();
            byte[] sod = null;
            try {
                groups.put(1, readFile(ps, PassportService.EF_DG1));
                readOptional(ps, PassportService.EF_DG2).ifPresent(b -> groups.put(2, b));
                sod = readFile(ps, PassportService.EF_SOD);
                return evaluate(groups, sod);
            } catch (CardServiceException e) {
                return fail(service, e, ChipVerdict.CHIP_ERROR, "reading the chip failed (SW " + sw(e) + ")");
            } finally {
                groups.values().forEach(b -> Arrays.fill(b, (byte) 0));
                if (sod != null) {
                    Arrays.fill(sod, (byte) 0);
                }
            }
        } catch (CardServiceException e) {
            return fail(service, e, ChipVerdict.CHIP_ERROR, "the chip could not be opened");
        } finally {
            ps.close();
        }
    }

    private EmrtdReading evaluate(Map<Integer, byte[]> groups, byte[] sod) {
        Optional<TravelDocument> document = Optional.empty();
        Optional<FaceImage> face = Optional.empty();
        String parseProblem = null;
        try {
            document = Optional.of(toDocument(new DG1File(new ByteArrayInputStream(groups.get(1))).getMRZInfo()));
        } catch (IOException | RuntimeException e) {
            parseProblem = "DG1 cannot be parsed";
        }
        if (groups.containsKey(2)) {
            try {
                face = toFace(new DG2File(new ByteArrayInputStream(groups.get(2))));
            } catch (IOException | RuntimeException e) {
                parseProblem = parseProblem == null ? "DG2 cannot be parsed" : parseProblem;
            }
        }
        PassiveAuthentication.Result pa = PassiveAuthentication.check(groups, sod, trust, clock.instant());
        ChipVerdict verdict = pa.verdict();
        ChipChecks checks = pa.checks();
        if (verdict == ChipVerdict.VERIFIED && parseProblem != null) {
            // Signed but unparseable: the issuer's data is malformed, we cannot show or use it.
            verdict = ChipVerdict.CHIP_ERROR;
            checks = new ChipChecks(checks.dataGroupsChecked(), checks.dataGroupsMismatched(), checks.signatureValid(),
                    checks.signerTrusted(), checks.signer(), parseProblem);
        }
        if (verdict == ChipVerdict.VERIFIED && document.isPresent()
                && !document.get().isValidOn(LocalDate.now(clock))) {
            verdict = ChipVerdict.DOCUMENT_EXPIRED;
            checks = new ChipChecks(checks.dataGroupsChecked(), checks.dataGroupsMismatched(), checks.signatureValid(),
                    checks.signerTrusted(), checks.signer(), "the document's date of expiry has passed");
        }
        return new EmrtdReading(verdict, document, face, checks);
    }

    private static TravelDocument toDocument(MRZInfo m) {
        return new TravelDocument(
                m.getDocumentCode().replace('<', ' ').strip(),
                m.getIssuingState().replace('<', ' ').strip(),
                m.getPrimaryIdentifier().replace('<', ' ').strip(),
                String.join(" ", m.getSecondaryIdentifierComponents()).replace('<', ' ').strip(),
                m.getDocumentNumber().replace("<", ""),
                m.getNationality().replace('<', ' ').strip(),
                m.getDateOfBirth(),
                sexOf(m),
                m.getDateOfExpiry(),
                m.getOptionalData1() == null ? "" : m.getOptionalData1().replace("<", "").strip());
    }

    private static char sexOf(MRZInfo m) {
        return switch (m.getGenderCode()) {
            case MALE -> 'M';
            case FEMALE -> 'F';
            default -> 'X';
        };
    }

    /** The first face of an ISO 19794-5 DG2 (the ICAO format in use; ISO 39794 DG2s are not read yet). */
    private static Optional<FaceImage> toFace(DG2File dg2) throws IOException {
        for (Object block : dg2.getSubRecords()) {
            if (!(block instanceof FaceInfo fi)) {
                continue;
            }
            for (FaceImageInfo img : fi.getFaceImageInfos()) {
                byte[] b = new byte[img.getImageLength()];
                try (InputStream in = img.getImageInputStream()) {
                    int n = in.readNBytes(b, 0, b.length);
                    if (n != b.length) {
                        throw new IOException("face image shorter than its length");
                    }
                    return Optional.of(new FaceImage(b, img.getMimeType(), img.getWidth(), img.getHeight()));
                } finally {
                    Arrays.fill(b, (byte) 0);
                }
            }
        }
        return Optional.empty();
    }

    private byte[] readFile(PassportService ps, short fid) throws CardServiceException {
        CardFileInputStream in = ps.getInputStream(fid, PassportService.DEFAULT_MAX_BLOCKSIZE);
        int length = in.getLength();
        byte[] b = new byte[length];
        try {
            int n = in.readNBytes(b, 0, length);
            if (n != length) {
                throw new CardServiceException("file " + Integer.toHexString(fid) + " ended early");
            }
            return b;
        } catch (IOException e) {
            Arrays.fill(b, (byte) 0);
            // CardFileInputStream wraps CardServiceExceptions in IOExceptions; keep the cause for the verdict
            throw new CardServiceException("reading file " + Integer.toHexString(fid) + " failed", e);
        }
    }

    private Optional<byte[]> readOptional(PassportService ps, short fid) throws CardServiceException {
        try {
            return Optional.of(readFile(ps, fid));
        } catch (CardServiceException e) {
            if (sw(e).equals("6A82")) {
                return Optional.empty(); // file not found: this document has no such group
            }
            throw e;
        }
    }

    /** The verdict when the transport failed under JMRTD, else {@code otherwise}. */
    private static EmrtdReading fail(ApduChannelCardService service, CardServiceException e, ChipVerdict otherwise,
                                     String detail) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof PcscException p) {
                return EmrtdReading.failed(verdictFor(p), p.getMessage());
            }
        }
        PcscException last = service.lastFailure();
        if (last != null) {
            return EmrtdReading.failed(verdictFor(last), last.getMessage());
        }
        return EmrtdReading.failed(otherwise, detail);
    }

    private static ChipVerdict verdictFor(PcscException e) {
        return switch (e.kind()) {
            case NO_CARD -> ChipVerdict.NO_DOCUMENT;
            case SERVICE_UNAVAILABLE, LIBRARY_MISSING, NO_READER -> ChipVerdict.READER_UNAVAILABLE;
            case TIMEOUT, CARD_ERROR -> ChipVerdict.CHIP_ERROR;
        };
    }

    private static String sw(CardServiceException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CardServiceException cse && cse.getSW() > 0) {
                return String.format("%04X", cse.getSW() & 0xFFFF);
            }
        }
        return "none";
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
