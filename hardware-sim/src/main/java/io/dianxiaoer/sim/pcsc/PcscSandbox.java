package io.dianxiaoer.sim.pcsc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real pcscd with vsmartcard's virtual reader driver ({@code vpcd}), so that
 * {@code javax.smartcardio} sees PC/SC readers whose cards are our simulators.
 *
 * <p><b>Why a network namespace.</b> vpcd's stock configuration ({@code DEVICENAME /dev/null:0x8C7B})
 * makes pcscd <em>listen</em> on TCP port 35963 (and 35964 for the second slot) of every interface:
 * anyone who can reach it can act as a card. So pcscd runs in a new network namespace that has
 * nothing but loopback ({@code unshare -n}, {@code ip link set lo up}). Its Unix socket
 * {@code /run/pcscd/pcscd.comm} lives in the file system, not in the network namespace, so every
 * PC/SC client of the machine (our JVM included) reaches it as usual. (The reversed vpcd
 * configuration, where vpcd connects out to the card, crashes Debian's pcscd when a slot is empty.)
 *
 * <p><b>How cards get in.</b> Inside the namespace one {@code socat} per slot relays a Unix socket
 * ({@link #slotSocket(int)}, in this sandbox's directory, mode 0600) to the slot's port on
 * 127.0.0.1; a {@link VpcdCardLink} in any process on the host connects to that socket to insert a
 * card. This way the simulator itself stays in the host's namespace with the rest of the
 * simulators and the control API.
 *
 * <p><b>Lifecycle.</b> {@link #start(Path)} launches one shell in the namespace that starts pcscd and
 * the relays and then waits on its standard input; {@link #close()} closes that input (so the
 * shell stops its children) and waits for the process tree to end. If this JVM dies, the input
 * closes as well: nothing is left behind. Needs root (to create the namespace and run pcscd) and
 * the Debian packages {@code pcscd}, {@code vsmartcard-vpcd}, {@code socat} and {@code iproute2}:
 * {@link #unavailableReason()} says what is missing. Only one pcscd can run on a machine.
 */
public final class PcscSandbox implements AutoCloseable {

    /** Where Debian's vsmartcard-vpcd puts the driver. */
    public static final Path VPCD_DRIVER = Path.of("/usr/lib/pcsc/drivers/serial/libifdvpcd.so");
    public static final Path PCSCD_SOCKET = Path.of("/run/pcscd/pcscd.comm");
    public static final Path PCSCD_PID = Path.of("/run/pcscd/pcscd.pid");
    /** The two vpcd slots of the stock configuration; pcscd names them "Virtual PCD 00 00" and "Virtual PCD 00 01". */
    public static final int[] SLOT_PORTS = {35963, 35964};

    private static final Logger log = LoggerFactory.getLogger(PcscSandbox.class);

    private final Path dir;
    private final Process process;

    private PcscSandbox(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** Why a sandbox cannot start on this machine, or empty when it can. */
    public static Optional<String> unavailableReason() {
        if (!isRoot()) {
            return Optional.of("needs root (to create a network namespace and run pcscd)");
        }
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("pcscd", "socat", "unshare", "ip")) {
            if (which(tool).isEmpty()) {
                missing.add(tool);
            }
        }
        if (!Files.exists(VPCD_DRIVER)) {
            missing.add("vpcd driver (Debian package vsmartcard-vpcd)");
        }
        if (!missing.isEmpty()) {
            return Optional.of("missing: " + String.join(", ", missing) + " (run scripts/setup-debian.sh test)");
        }
        return Optional.empty();
    }

    /** The pid of a pcscd already running on this machine, if any (ours or not). */
    public static Optional<Long> runningPcscd() {
        try {
            // pcscd writes "PID\n" followed by a NUL byte
            long pid = Long.parseLong(Files.readString(PCSCD_PID, StandardCharsets.US_ASCII).replaceAll("[^0-9]", ""));
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts pcscd with vpcd and the slot relays in a fresh loopback-only network namespace, and
     * waits (up to 10 s) until pcscd's socket and the relays are there.
     *
     * @param dir a directory of its own for the configuration, the relay sockets and the logs
     * @throws IOException when it cannot start; the message says why in plain words
     */
    public static PcscSandbox start(Path dir) throws IOException {
        Optional<String> why = unavailableReason();
        if (why.isPresent()) {
            throw new IOException("cannot start pcscd with vpcd: " + why.get());
        }
        Optional<Long> other = runningPcscd();
        if (other.isPresent()) {
            throw new IOException("a pcscd is already running (pid " + other.get() + "): stop it first");
        }
        Files.createDirectories(dir);
        Path conf = dir.resolve("reader.conf.d");
        Files.createDirectories(conf);
        // vpcd's stock configuration, as Debian installs it in /etc/reader.conf.d/vpcd: LISTENING mode.
        Files.writeString(conf.resolve("vpcd"), """
                FRIENDLYNAME "Virtual PCD"
                DEVICENAME   /dev/null:0x8C7B
                LIBPATH      %s
                CHANNELID    0x8C7B
                """.formatted(VPCD_DRIVER), StandardCharsets.US_ASCII);
        for (int slot = 0; slot < SLOT_PORTS.length; slot++) {
            Files.deleteIfExists(dir.resolve("slot" + slot + ".sock"));
        }
        String script = """
                ip link set lo up || exit 3
                # vpcd writes each message's length and body in two send()s without TCP_NODELAY: with delayed ACKs
                # every APDU would wait ~40 ms for Nagle. Quick ACKs on this namespace's loopback routes avoid that.
                ip route change local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 quickack 1 || true
                ip route change local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 quickack 1 || true
                pcscd --foreground --config "$D/reader.conf.d" >"$D/pcscd.log" 2>&1 &
                P=$!
                socat UNIX-LISTEN:"$D/slot0.sock",fork,unlink-early,mode=600 TCP:127.0.0.1:%d,nodelay >"$D/relay0.log" 2>&1 &
                S0=$!
                socat UNIX-LISTEN:"$D/slot1.sock",fork,unlink-early,mode=600 TCP:127.0.0.1:%d,nodelay >"$D/relay1.log" 2>&1 &
                S1=$!
                echo started
                read line
                kill $S0 $S1 2>/dev/null
                kill $P 2>/dev/null
                wait
                """.formatted(SLOT_PORTS[0], SLOT_PORTS[1]);
        ProcessBuilder pb = new ProcessBuilder(which("unshare").orElseThrow().toString(), "--net", "--", "sh", "-c", script)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sandbox.log").toFile());
        pb.environment().put("D", dir.toAbsolutePath().toString());
        pb.environment().put("PATH", searchPath());
        Process p = pb.start();
        PcscSandbox s = new PcscSandbox(dir, p);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!s.ready()) {
            if (!p.isAlive()) {
                String out = Files.exists(dir.resolve("sandbox.log")) ? Files.readString(dir.resolve("sandbox.log")).strip() : "";
                s.close();
                throw new IOException("the pcscd sandbox ended at once (exit " + p.exitValue() + "): " + out);
            }
            if (System.nanoTime() > deadline) {
                s.close();
                throw new IOException("pcscd did not come up within 10 s: see " + dir.resolve("pcscd.log"));
            }
            sleep(50);
        }
        log.info("pcscd with vpcd running in a loopback-only network namespace (sandbox pid {}), slots at {}", p.pid(), dir);
        return s;
    }

    private boolean ready() {
        return Files.exists(PCSCD_SOCKET) && runningPcscd().isPresent()
                && Files.exists(slotSocket(0)) && Files.exists(slotSocket(1));
    }

    /** The Unix socket that reaches vpcd slot {@code slot} (0 or 1). */
    public Path slotSocket(int slot) {
        return dir.resolve("slot" + slot + ".sock");
    }

    /** The PC/SC reader name pcscd gives vpcd slot {@code slot}. */
    public static String readerName(int slot) {
        return "Virtual PCD 00 0" + slot;
    }

    public Path directory() {
        return dir;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops pcscd and the relays and waits for them (up to 5 s, then kills them). Idempotent. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try (OutputStream in = process.getOutputStream()) {
                in.write('\n');
            } catch (IOException e) {
                // the shell is gone already
            }
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle h : tree) {
            h.onExit();
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        // pcscd removes its socket and pid file on a clean exit; wait for that so that a next start does not race it
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (Files.exists(PCSCD_SOCKET) && runningPcscd().isPresent() && System.nanoTime() < deadline) {
            sleep(20);
        }
        log.info("pcscd sandbox stopped");
    }

    private static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            p.waitFor(2, TimeUnit.SECONDS);
            return out.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String searchPath() {
        return System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
    }

    private static Optional<Path> which(String tool) {
        for (String d : searchPath().split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return Optional.of(Path.of(d, tool));
            }
        }
        return Optional.empty();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "PcscSandbox[" + dir + (process.isAlive() ? ", running" : ", stopped") + "]";
    }
}
