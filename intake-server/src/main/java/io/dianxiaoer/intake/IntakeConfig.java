package io.dianxiaoer.intake;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an intake server runs: where it listens, which database it uses, its TLS material and limits.
 * Immutable; build with {@link #defaults()} and the {@code with…} methods, or {@link #fromArgs}.
 *
 * @param jdbcUrl {@code jdbc:sqlite:/path/intake.db} (default, embedded) or {@code jdbc:postgresql://…}
 * @param tls null for plain HTTP, which is only allowed on a loopback address
 */
public record IntakeConfig(InetAddress bindAddress, int port, String jdbcUrl, String dbUser, String dbPassword,
        Tls tls, long maxAttachmentBytes, Duration inFlightLease, Path catalogFile, Path configFile) {

    /** Server key store (PKCS#12: key + certificate chain) and the trust store holding the kiosk CA. */
    public record Tls(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword) {
        public Tls {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(trustStore, "trustStore");
        }

        @Override
        public String toString() {
            return "Tls[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
        }
    }

    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 10L * 1024 * 1024;

    public IntakeConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(inFlightLease, "inFlightLease");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
        }
        if (tls == null && !bindAddress.isLoopbackAddress()) {
            throw new IllegalArgumentException("plain HTTP is only for loopback development: give TLS key and trust "
                    + "stores to listen on " + bindAddress.getHostAddress());
        }
    }

    public static IntakeConfig defaults() {
        return new IntakeConfig(InetAddress.getLoopbackAddress(), DEFAULT_PORT, null, null, null, null,
                DEFAULT_MAX_ATTACHMENT_BYTES, Duration.ofSeconds(30), null, null);
    }

    public IntakeConfig withPort(int p) {
        return new IntakeConfig(bindAddress, p, jdbcUrl, dbUser, dbPassword, tls, maxAttachmentBytes, inFlightLease, catalogFile, configFile);
    }

    public IntakeConfig withDatabase(String url, String user, String password) {
        return new IntakeConfig(bindAddress, port, url, user, password, tls, maxAttachmentBytes, inFlightLease, catalogFile, configFile);
    }

    public IntakeConfig withTls(Tls t) {
        return new IntakeConfig(bindAddress, port, jdbcUrl, dbUser, dbPassword, t, maxAttachmentBytes, inFlightLease, catalogFile, configFile);
    }

    public IntakeConfig withMaxAttachmentBytes(long max) {
        return new IntakeConfig(bindAddress, port, jdbcUrl, dbUser, dbPassword, tls, max, inFlightLease, catalogFile, configFile);
    }

    public IntakeConfig withInFlightLease(Duration lease) {
        return new IntakeConfig(bindAddress, port, jdbcUrl, dbUser, dbPassword, tls, maxAttachmentBytes, lease, catalogFile, configFile);
    }

    public IntakeConfig withBindAddress(InetAddress address) {
        return new IntakeConfig(address, port, jdbcUrl, dbUser, dbPassword, tls, maxAttachmentBytes, inFlightLease, catalogFile, configFile);
    }

    static final String USAGE = "usage: intake-server [--port N] [--bind ADDRESS] [--db JDBC-URL] [--db-user U] "
            + "[--max-attachment-bytes N] [--tls-keystore FILE.p12 --tls-truststore FILE.p12] "
            + "[--catalog FILE.json] [--kiosk-config FILE.json]\n"
            + "  passwords come from the environment: INTAKE_DB_PASSWORD, INTAKE_TLS_KEYSTORE_PASSWORD, "
            + "INTAKE_TLS_TRUSTSTORE_PASSWORD\n"
            + "  default database: jdbc:sqlite:intake-data/intake.db";

    /** Parses {@code --key value} pairs; passwords from {@code env}. @throws IllegalArgumentException with the usage */
    static IntakeConfig fromArgs(String[] args, java.util.function.Function<String, String> env) {
        IntakeConfig c = defaults().withDatabase("jdbc:sqlite:intake-data/intake.db", null, env.apply("INTAKE_DB_PASSWORD"));
        Path keyStore = null;
        Path trustStore = null;
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException(USAGE);
        }
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--port" -> c = c.withPort(number(v, "--port", 0, 65_535).intValue());
                case "--bind" -> {
                    try {
                        c = new IntakeConfig(InetAddress.getByName(v), c.port, c.jdbcUrl, c.dbUser, c.dbPassword, c.tls,
                                c.maxAttachmentBytes, c.inFlightLease, c.catalogFile, c.configFile);
                    } catch (UnknownHostException e) {
                        throw new IllegalArgumentException("--bind: unknown address " + v);
                    }
                }
                case "--db" -> c = c.withDatabase(v, c.dbUser, c.dbPassword);
                case "--db-user" -> c = c.withDatabase(c.jdbcUrl, v, c.dbPassword);
                case "--max-attachment-bytes" -> c = c.withMaxAttachmentBytes(number(v, "--max-attachment-bytes", 1, 1L << 31));
                case "--tls-keystore" -> keyStore = Path.of(v);
                case "--tls-truststore" -> trustStore = Path.of(v);
                case "--catalog" -> c = new IntakeConfig(c.bindAddress, c.port, c.jdbcUrl, c.dbUser, c.dbPassword, c.tls,
                        c.maxAttachmentBytes, c.inFlightLease, Path.of(v), c.configFile);
                case "--kiosk-config" -> c = new IntakeConfig(c.bindAddress, c.port, c.jdbcUrl, c.dbUser, c.dbPassword, c.tls,
                        c.maxAttachmentBytes, c.inFlightLease, c.catalogFile, Path.of(v));
                default -> throw new IllegalArgumentException(USAGE);
            }
        }
        if ((keyStore == null) != (trustStore == null)) {
            throw new IllegalArgumentException("--tls-keystore and --tls-truststore go together");
        }
        if (keyStore != null) {
            c = c.withTls(new Tls(keyStore, password(env, "INTAKE_TLS_KEYSTORE_PASSWORD"), trustStore,
                    password(env, "INTAKE_TLS_TRUSTSTORE_PASSWORD")));
        }
        return c;
    }

    private static char[] password(java.util.function.Function<String, String> env, String name) {
        String v = env.apply(name);
        return v == null ? new char[0] : v.toCharArray();
    }

    private static Long number(String v, String option, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number from " + min + " to " + max + ", got \"" + v + "\"");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(option + " needs a number from " + min + " to " + max + ", got " + n);
        }
        return n;
    }

    @Override
    public String toString() {
        return "IntakeConfig[" + bindAddress.getHostAddress() + ":" + port + ", db=" + (jdbcUrl == null ? "temporary" : jdbcUrl.replaceAll("\\?.*", ""))
                + ", tls=" + (tls != null) + "]";
    }
}
