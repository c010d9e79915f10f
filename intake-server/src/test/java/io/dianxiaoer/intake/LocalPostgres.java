package io.dianxiaoer.intake;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests, from Debian's {@code postgresql} package (installed by
 * {@code scripts/setup-debian.sh test}): {@code initdb} into a temporary directory, started with
 * {@code pg_ctl} on a free loopback port (its unix socket in that directory too), trust
 * authentication for the superuser {@code intake}, and no fsync (a test database). When the tests
 * run as root the server runs as the {@code postgres} user, because PostgreSQL refuses root.
 * {@link #close} stops it immediately and deletes everything.
 */
final class LocalPostgres implements AutoCloseable {

    private final Path base;
    private final Path bin;
    private final int port;
    private final boolean asPostgresUser;

    private LocalPostgres(Path base, Path bin, int port, boolean asPostgresUser) {
        this.base = base;
        this.bin = bin;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    static Path findBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("PostgreSQL is not installed: run scripts/setup-debian.sh test "
                    + "(Debian package postgresql)");
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql/*/bin"));
        }
    }

    static LocalPostgres start() throws Exception {
        Path bin = findBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path base = Files.createTempDirectory("dxe-pg-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = base.resolve("data");
        Files.createDirectories(data);
        if (root) {
            UserPrincipal pg = base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(base, pg);
            Files.setOwner(data, pg);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        LocalPostgres pg = new LocalPostgres(base, bin, port, root);
        pg.run(60, "initdb", "-D", data.toString(), "-U", "intake", "-A", "trust", "-E", "UTF8", "--no-locale");
        pg.run(90, "pg_ctl", "-D", data.toString(), "-l", base.resolve("postgres.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + base + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
                "start");
        return pg;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=intake";
    }

    private void run(int timeoutSeconds, String tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(base.resolve(tool + ".out").toFile())
                .start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(tool + " did not finish in " + timeoutSeconds + " s");
        }
        if (p.exitValue() != 0) {
            String out = Files.readString(base.resolve(tool + ".out"), StandardCharsets.UTF_8);
            Path log = base.resolve("postgres.log");
            String serverLog = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            throw new IllegalStateException(tool + " failed (" + p.exitValue() + "): " + out + serverLog);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            run(60, "pg_ctl", "-D", base.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(base)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
