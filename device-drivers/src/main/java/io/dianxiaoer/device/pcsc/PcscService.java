package io.dianxiaoer.device.pcsc;

import java.lang.reflect.Field;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way this code reaches PC/SC: the JDK's {@code javax.smartcardio} provider, created with
 * {@code TerminalFactory.getInstance("PC/SC", null)} — never {@code getDefault()}, which silently
 * returns an empty "None" factory when pcscd is not running.
 *
 * <p><b>Why the reflection below.</b> The JDK provider keeps one {@code SCARDCONTEXT} for the whole
 * JVM in a static field ({@code sun.security.smartcardio.PCSCTerminals.contextId}) and establishes
 * it only once. When pcscd stops or restarts, that context is dead for good: every call, on any new
 * factory, keeps failing with {@code SCARD_E_NO_SERVICE} (measured: it never recovers on JDK 17).
 * {@link #resetAfterServiceLoss()} therefore clears that field and the provider's cache of
 * terminals, so that the next factory establishes a fresh context. It uses reflection when the JVM
 * runs with {@code --add-opens java.smartcardio/sun.security.smartcardio=ALL-UNNAMED} (bin/dxe and
 * the test runs pass it), and {@code sun.misc.Unsafe} otherwise. If neither works the service still
 * reports itself unavailable, in plain words, instead of failing silently.
 *
 * <p>Thread-safe: everything is static because the JDK's context is; the reset holds the same lock
 * as the provider ({@code PCSCTerminals.class}).
 */
public final class PcscService {

    private static final Logger log = LoggerFactory.getLogger(PcscService.class);

    /** PC/SC results that mean the context is gone with the daemon, not that one reader or card failed. */
    private static final Set<String> SERVICE_LOST = Set.of(
            "SCARD_E_NO_SERVICE", "SCARD_E_SERVICE_STOPPED", "SCARD_F_COMM_ERROR", "SCARD_E_INVALID_HANDLE");
    private static final Set<String> CARD_GONE = Set.of(
            "SCARD_W_REMOVED_CARD", "SCARD_E_NO_SMARTCARD", "SCARD_W_RESET_CARD", "SCARD_W_UNPOWERED_CARD",
            "SCARD_W_UNRESPONSIVE_CARD", "SCARD_E_READER_UNAVAILABLE", "SCARD_E_UNKNOWN_READER");

    private static TerminalFactory factory; // guarded by PcscService.class
    private static long resets;
    private static boolean resetFailureLogged;

    private PcscService() {
    }

    /**
     * The terminals of a PC/SC factory, created when there is none (first use, or after a reset).
     *
     * @throws PcscException {@code SERVICE_UNAVAILABLE} when pcscd does not answer, {@code LIBRARY_MISSING}
     *                       when libpcsclite cannot be loaded
     */
    public static synchronized CardTerminals terminals() throws PcscException {
        if (factory == null) {
            try {
                factory = TerminalFactory.getInstance("PC/SC", null);
            } catch (NoSuchAlgorithmException e) {
                throw classify(e, "cannot use PC/SC");
            }
        }
        return factory.terminals();
    }

    /**
     * Forgets the factory and the JDK's dead PC/SC context after the service was lost, so that the
     * next {@link #terminals()} connects to the (restarted) pcscd afresh. Cards connected before
     * are unusable afterwards (they were anyway).
     */
    public static synchronized void resetAfterServiceLoss() {
        factory = null;
        resets++;
        try {
            Class<?> terminalsClass = Class.forName("sun.security.smartcardio.PCSCTerminals");
            synchronized (terminalsClass) {
                ContextFields f = ContextFields.of(terminalsClass);
                f.clear();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (resetFailureLogged) {
                return;
            }
            resetFailureLogged = true;
            log.warn("cannot reset the JDK's PC/SC context ({}): after a pcscd restart this JVM must be restarted",
                    e.getClass().getSimpleName());
        }
    }

    /** How often the context was reset since start. */
    public static synchronized long resets() {
        return resets;
    }

    /** The PC/SC result name ({@code SCARD_E_NO_SERVICE} …) found in an exception or its causes, or empty. */
    public static String resultCode(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null) {
                int i = m.indexOf("SCARD_");
                if (i >= 0) {
                    int end = i;
                    while (end < m.length() && (Character.isLetterOrDigit(m.charAt(end)) || m.charAt(end) == '_')) {
                        end++;
                    }
                    return m.substring(i, end);
                }
            }
        }
        return "";
    }

    /** Whether the failure means pcscd went away (so {@link #resetAfterServiceLoss()} is due). */
    public static boolean isServiceLoss(Throwable t) {
        return SERVICE_LOST.contains(resultCode(t));
    }

    /** Turns a PC/SC failure into a {@link PcscException} of the right kind, with plain words. */
    public static PcscException classify(Throwable t, String what) {
        if (t instanceof PcscException p) {
            return p;
        }
        String code = resultCode(t);
        if (SERVICE_LOST.contains(code)) {
            return new PcscException(PcscException.Kind.SERVICE_UNAVAILABLE,
                    what + ": the PC/SC service (pcscd) is not running (" + code + ")", t);
        }
        if (CARD_GONE.contains(code)) {
            return new PcscException(PcscException.Kind.NO_CARD, what + ": no card on the reader (" + code + ")", t);
        }
        if (t instanceof IllegalArgumentException) {
            // javax.smartcardio's ResponseAPDU refuses an answer shorter than a status word
            return new PcscException(PcscException.Kind.CARD_ERROR,
                    what + ": the card's answer was empty or cut off (was it taken away?)", t);
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnsatisfiedLinkError || String.valueOf(c.getMessage()).contains("libpcsclite")) {
                return new PcscException(PcscException.Kind.LIBRARY_MISSING,
                        what + ": the PC/SC library (libpcsclite1) is not installed", t);
            }
        }
        return new PcscException(PcscException.Kind.CARD_ERROR,
                what + ": " + (code.isEmpty() ? t.getClass().getSimpleName() : code), t);
    }

    /** The two static fields of {@code PCSCTerminals} that pin the dead context. */
    private interface ContextFields {
        void clear() throws ReflectiveOperationException;

        static ContextFields of(Class<?> c) throws ReflectiveOperationException {
            Field context = c.getDeclaredField("contextId");
            Field cache = c.getDeclaredField("terminals");
            try {
                context.setAccessible(true);
                cache.setAccessible(true);
                return () -> {
                    context.setLong(null, 0L);
                    ((Map<?, ?>) cache.get(null)).clear();
                };
            } catch (RuntimeException notOpened) {
                // InaccessibleObjectException: the JVM runs without --add-opens; fall back to Unsafe (jdk.unsupported).
                return UnsafeAccess.clearer(context, cache);
            }
        }
    }

    /** The fallback for JVMs started without the --add-opens flag. */
    private static final class UnsafeAccess {
        @SuppressWarnings({"removal", "deprecation"})
        static ContextFields clearer(Field context, Field cache) throws ReflectiveOperationException {
            Field theUnsafe = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            sun.misc.Unsafe u = (sun.misc.Unsafe) theUnsafe.get(null);
            Object base = u.staticFieldBase(context);
            long contextOffset = u.staticFieldOffset(context);
            Object cacheBase = u.staticFieldBase(cache);
            long cacheOffset = u.staticFieldOffset(cache);
            return () -> {
                u.putLongVolatile(base, contextOffset, 0L);
                ((Map<?, ?>) u.getObjectVolatile(cacheBase, cacheOffset)).clear();
            };
        }
    }
}
