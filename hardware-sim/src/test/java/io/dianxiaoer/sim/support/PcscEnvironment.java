package io.dianxiaoer.sim.support;

import static org.junit.jupiter.api.Assertions.fail;

import io.dianxiaoer.device.pcsc.PcscException;
import io.dianxiaoer.device.pcsc.PcscService;
import io.dianxiaoer.sim.pcsc.PcscSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import org.junit.jupiter.api.Assumptions;

/**
 * One pcscd + vpcd sandbox for the whole test JVM (starting one takes about a second), stopped by a
 * shutdown hook. Tests that need it call {@link #sandbox()}: without root or the Debian packages it
 * skips them with the reason — except under CI ({@code CI=true}) or with {@code -Ddxe.pcsc.required=true},
 * where a missing PC/SC set-up is a failure, so that the end-to-end tests cannot silently not run.
 */
public final class PcscEnvironment {

    private static PcscSandbox sandbox;
    private static Path dir;

    private PcscEnvironment() {
    }

    public static synchronized PcscSandbox sandbox() {
        Optional<String> why = PcscSandbox.unavailableReason();
        if (why.isEmpty() && (sandbox == null || !sandbox.isAlive()) && PcscSandbox.runningPcscd().isPresent()) {
            why = Optional.of("a pcscd not started by these tests is running (pid " + PcscSandbox.runningPcscd().get()
                    + "); stop it first (e.g. systemctl stop pcscd.socket pcscd.service)");
        }
        if (why.isPresent()) {
            boolean required = "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("dxe.pcsc.required");
            if (required) {
                fail("PC/SC end-to-end tests must run here but cannot: " + why.get());
            }
            Assumptions.assumeTrue(false, "PC/SC end-to-end tests skipped: " + why.get());
        }
        if (sandbox == null || !sandbox.isAlive()) {
            try {
                if (dir == null) {
                    dir = Files.createTempDirectory("dxe-pcsc-");
                    Runtime.getRuntime().addShutdownHook(new Thread(PcscEnvironment::stop));
                }
                sandbox = PcscSandbox.start(dir);
            } catch (IOException e) {
                fail("cannot start pcscd with vpcd: " + e.getMessage());
            }
        }
        return sandbox;
    }

    /** Stops pcscd (the watcher tests restart it); the next {@link #sandbox()} starts a new one. */
    public static synchronized void stop() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }

    /** Waits until PC/SC reports a card on {@code reader} (or none, with {@code present} false). */
    public static void awaitCard(String reader, boolean present) {
        Await.until((present ? "a card on " : "no card on ") + reader, Duration.ofSeconds(20), () -> {
            try {
                CardTerminal t = PcscService.terminals().getTerminal(reader);
                return t != null && t.isCardPresent() == present;
            } catch (PcscException | CardException | RuntimeException e) {
                if (PcscService.isServiceLoss(e)) {
                    PcscService.resetAfterServiceLoss();
                }
                return false;
            }
        });
    }
}
