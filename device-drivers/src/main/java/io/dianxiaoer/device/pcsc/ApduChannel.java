package io.dianxiaoer.device.pcsc;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An APDU channel to the card on one PC/SC reader, with a timeout on every call and a trace that
 * logs only the instruction byte, lengths, status word and time — never a data byte, because the
 * data of an identity document is personal (and, under secure messaging, key material).
 *
 * <p><b>Threads.</b> {@code javax.smartcardio} calls block without a timeout (a silent card can hold
 * {@code SCardTransmit} for ever), so every PC/SC call runs on this channel's own daemon thread and
 * the caller waits at most the timeout. After a timeout the channel is broken: it releases the card
 * on a separate thread (that call may block too) and every later call fails at once; open a new
 * channel. One caller at a time: the methods are synchronized.
 *
 * <p>The trace logger is {@code io.dianxiaoer.device.pcsc.apdu} at DEBUG.
 */
public final class ApduChannel implements AutoCloseable {

    /** Trace logger name, to switch it on separately: {@code <logger name="io.dianxiaoer.device.pcsc.apdu" level="DEBUG"/>}. */
    public static final String TRACE_LOGGER = "io.dianxiaoer.device.pcsc.apdu";

    private static final Logger log = LoggerFactory.getLogger(ApduChannel.class);
    private static final Logger trace = LoggerFactory.getLogger(TRACE_LOGGER);
    private static final AtomicLong SEQ = new AtomicLong();

    private final String reader;
    private final Duration timeout;
    private final ExecutorService io;
    private final Card card;
    private final CardChannel channel;
    private final byte[] atr;
    private final AtomicLong exchanged = new AtomicLong();
    private volatile boolean broken;
    private volatile boolean closed;

    private ApduChannel(String reader, Duration timeout, ExecutorService io, Card card) {
        this.reader = reader;
        this.timeout = timeout;
        this.io = io;
        this.card = card;
        this.channel = card.getBasicChannel();
        this.atr = card.getATR().getBytes();
    }

    /** {@link #open(String, Duration, Duration)} with one timeout for the connection and every APDU. */
    public static ApduChannel open(String readerName, Duration timeout) throws PcscException {
        return open(readerName, timeout, timeout);
    }

    /**
     * Connects to the card on {@code readerName} (any protocol), waiting at most {@code connectTimeout};
     * each APDU then waits at most {@code apduTimeout}.
     *
     * @throws PcscException {@code NO_READER}, {@code NO_CARD}, {@code TIMEOUT}, {@code SERVICE_UNAVAILABLE} …
     */
    public static ApduChannel open(String readerName, Duration connectTimeout, Duration apduTimeout) throws PcscException {
        Objects.requireNonNull(readerName, "readerName");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(apduTimeout, "apduTimeout");
        Duration timeout = connectTimeout;
        ExecutorService io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pcsc-apdu-" + SEQ.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Card card = call(io, timeout, "connecting to the card on " + readerName, () -> {
                CardTerminal terminal = PcscService.terminals().getTerminal(readerName);
                if (terminal == null) {
                    throw new PcscException(PcscException.Kind.NO_READER, "no PC/SC reader named '" + readerName + "'");
                }
                if (!terminal.isCardPresent()) {
                    throw new PcscException(PcscException.Kind.NO_CARD, "no card on reader " + readerName);
                }
                return terminal.connect("*");
            });
            ApduChannel c = new ApduChannel(readerName, apduTimeout, io, card);
            trace.debug("{}: connected, ATR {} bytes, protocol {}", readerName, c.atr.length, card.getProtocol());
            return c;
        } catch (PcscException e) {
            if (e.kind() == PcscException.Kind.TIMEOUT) {
                io.shutdownNow(); // the stuck connect keeps its (daemon) thread; nothing else runs there
            } else {
                io.shutdown();
            }
            if (PcscService.isServiceLoss(e)) {
                PcscService.resetAfterServiceLoss();
            }
            throw e;
        }
    }

    /** The reader this channel talks through. */
    public String reader() {
        return reader;
    }

    /** The card's answer to reset (identifies the chip type, holds no personal data). */
    public byte[] atr() {
        return atr.clone();
    }

    public Duration timeout() {
        return timeout;
    }

    /** How many APDUs went through this channel. */
    public long exchanged() {
        return exchanged.get();
    }

    public boolean isUsable() {
        return !broken && !closed;
    }

    /**
     * Sends one command APDU and returns the response (status word included).
     *
     * @throws PcscException {@code TIMEOUT} (the channel is broken from then on), {@code NO_CARD} when the card
     *                       left, {@code SERVICE_UNAVAILABLE} when pcscd went away, {@code CARD_ERROR} otherwise
     */
    public synchronized ResponseAPDU transmit(CommandAPDU command) throws PcscException {
        if (closed) {
            throw new PcscException(PcscException.Kind.CARD_ERROR, "the APDU channel to " + reader + " is closed");
        }
        if (broken) {
            throw new PcscException(PcscException.Kind.CARD_ERROR,
                    "the APDU channel to " + reader + " is broken after an earlier failure: open a new one");
        }
        long n = exchanged.incrementAndGet();
        int ins = command.getINS();
        if (trace.isDebugEnabled()) {
            trace.debug("{} #{} → INS {} Lc {} Le {}", reader, n, hex(ins), command.getNc(), command.getNe());
        }
        long t0 = System.nanoTime();
        try {
            ResponseAPDU r = call(io, timeout, "APDU INS " + hex(ins), () -> channel.transmit(command));
            if (trace.isDebugEnabled()) {
                trace.debug("{} #{} ← SW {} data {} bytes in {} ms", reader, n,
                        String.format("%04X", r.getSW()), r.getNr(), (System.nanoTime() - t0) / 1_000_000);
            }
            return r;
        } catch (PcscException e) {
            trace.debug("{} #{} ✗ INS {} {} after {} ms", reader, n, hex(ins), e.kind(), (System.nanoTime() - t0) / 1_000_000);
            broken = true;
            if (PcscService.isServiceLoss(e)) {
                PcscService.resetAfterServiceLoss();
            }
            if (e.kind() == PcscException.Kind.TIMEOUT) {
                log.warn("card on {} did not answer INS {} within {} ms: channel dropped", reader, hex(ins), timeout.toMillis());
                releaseInBackground();
            }
            throw e;
        }
    }

    /** Sends raw command bytes (a whole C-APDU) and returns the raw response (data + SW). */
    public byte[] transmit(byte[] commandApdu) throws PcscException {
        ResponseAPDU r;
        try {
            r = transmit(new CommandAPDU(commandApdu));
        } catch (IllegalArgumentException e) {
            throw new PcscException(PcscException.Kind.CARD_ERROR, "malformed command APDU (" + commandApdu.length + " bytes)");
        }
        return r.getBytes();
    }

    /**
     * Releases the card and resets it (ends any secure-messaging session on it). Waits at most the
     * timeout; idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (broken) {
            io.shutdown();
            return;
        }
        try {
            call(io, timeout, "releasing the card", () -> {
                card.disconnect(true);
                return null;
            });
            trace.debug("{}: released after {} APDUs", reader, exchanged.get());
        } catch (PcscException e) {
            log.debug("releasing the card on {}: {}", reader, e.getMessage());
        } finally {
            io.shutdown();
        }
    }

    private void releaseInBackground() {
        Thread t = new Thread(() -> {
            try {
                card.disconnect(true);
            } catch (Exception | Error e) {
                // the card or the service is gone: nothing left to release
            }
        }, "pcsc-release");
        t.setDaemon(true);
        t.start();
        io.shutdown();
    }

    private static <T> T call(ExecutorService io, Duration timeout, String what, Callable<T> task) throws PcscException {
        Future<T> f;
        try {
            f = io.submit(task);
        } catch (RejectedExecutionException e) {
            throw new PcscException(PcscException.Kind.CARD_ERROR, what + ": channel closed");
        }
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new PcscException(PcscException.Kind.TIMEOUT, what + ": no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw PcscService.classify(e.getCause(), what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new PcscException(PcscException.Kind.CARD_ERROR, what + ": interrupted");
        }
    }

    private static String hex(int b) {
        return HexFormat.of().withUpperCase().toHexDigits((byte) b);
    }

    @Override
    public String toString() {
        return "ApduChannel[" + reader + ", " + exchanged.get() + " APDUs" + (broken ? ", broken" : "") + (closed ? ", closed" : "") + "]";
    }
}
