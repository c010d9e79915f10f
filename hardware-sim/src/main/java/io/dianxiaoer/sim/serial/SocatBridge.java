package io.dianxiaoer.sim.serial;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pseudo-terminal bridged to a simulator's TCP port by {@code socat}, so that a driver opens a
 * real serial port (through jSerialComm) while the simulator stays pure Java. The pty appears as a
 * symlink at {@link #link()}; stopping the bridge removes it — exactly what a driver sees when a USB
 * serial adapter is pulled out.
 *
 * <p>{@code socat} exits when the simulator closes the connection (its {@code UNPLUGGED} fault).
 * A supervised bridge then starts it again after a short pause, as a demo wants (the port comes
 * back when the simulator accepts again); an unsupervised one stays down, as tests want.
 *
 * <p>Thread-safe. Needs Debian's {@code socat} ({@link #available()}); {@code scripts/setup-debian.sh}
 * installs it.
 */
public final class SocatBridge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SocatBridge.class);
    private static final long RESTART_PAUSE_MS = 500;

    private final Path link;
    private final int tcpPort;
    private final boolean supervised;
    private final Object lock = new Object();
    private Process process;
    private volatile boolean closed;
    private Thread supervisor;

    private SocatBridge(Path link, int tcpPort, boolean supervised) {
        this.link = link;
        this.tcpPort = tcpPort;
        this.supervised = supervised;
    }

    /** Whether {@code socat} is on the PATH. */
    public static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts socat and waits (up to 10 s) until the pty link exists.
     *
     * @param supervised restart socat whenever it exits, until {@link #close()}
     */
    public static SocatBridge start(Path link, int tcpPort, boolean supervised) throws IOException {
        SocatBridge b = new SocatBridge(Objects.requireNonNull(link, "link"), tcpPort, supervised);
        b.startProcess();
        if (supervised) {
            b.supervisor = new Thread(b::supervise, "sim-socat-" + link.getFileName());
            b.supervisor.setDaemon(true);
            b.supervisor.start();
        }
        return b;
    }

    public Path link() {
        return link;
    }

    /** The serial URI a driver opens, e.g. {@code serial:/tmp/ttySCANNER?baud=9600}. */
    public String uri(int baud) {
        return "serial:" + link + "?baud=" + baud;
    }

    public boolean alive() {
        synchronized (lock) {
            return process != null && process.isAlive();
        }
    }

    /** Kills socat (the pty vanishes, like an unplugged adapter). An unsupervised bridge stays down until {@link #restart()}. */
    public void kill() {
        Process p;
        synchronized (lock) {
            p = process;
        }
        stop(p);
    }

    /** Starts socat again after {@link #kill()} or after it exited. */
    public void restart() throws IOException {
        kill();
        startProcess();
    }

    private void startProcess() throws IOException {
        if (closed) {
            throw new IOException("bridge closed");
        }
        Process p = new ProcessBuilder(List.of("socat", "pty,raw,echo=0,link=" + link, "tcp:127.0.0.1:" + tcpPort))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        synchronized (lock) {
            process = p;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(link) && p.isAlive()) {
            if (System.nanoTime() > deadline) {
                stop(p);
                throw new IOException("socat did not create " + link + " within 10 s");
            }
            sleep(5);
        }
        if (!p.isAlive() && !supervised) {
            throw new IOException("socat exited at once (is the simulator on port " + tcpPort + " accepting?)");
        }
    }

    private void supervise() {
        while (!closed) {
            Process p;
            synchronized (lock) {
                p = process;
            }
            try {
                if (p != null) {
                    p.waitFor();
                }
                if (closed) {
                    return;
                }
                Thread.sleep(RESTART_PAUSE_MS);
                startProcess();
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                log.debug("socat for {} did not restart: {}", link, e.getMessage());
                sleep(RESTART_PAUSE_MS);
            }
        }
    }

    private static void stop(Process p) {
        if (p == null) {
            return;
        }
        p.destroy(); // SIGTERM: socat closes the pty and removes the link
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (supervisor != null) {
            supervisor.interrupt();
        }
        kill();
        try {
            Files.deleteIfExists(link); // socat removes it on SIGTERM; a SIGKILLed one may leave it
        } catch (IOException ignored) {
            // nothing to clean
        }
    }
}
