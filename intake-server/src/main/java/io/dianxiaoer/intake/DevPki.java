package io.dianxiaoer.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes a small development PKI with the JDK's {@code keytool} (no extra libraries): a kiosk CA,
 * the intake's server certificate for 127.0.0.1/localhost, and client certificates for kiosks, all
 * as PKCS#12 files with one password. For loopback demos and tests of mutual TLS; production
 * certificates come from the operator's CA.
 *
 * <pre>
 * DIR/ca.p12           the CA's key (keep it away from kiosks and servers)
 * DIR/ca-trust.p12     the CA certificate only: the trust store of the server and of every kiosk (the pinned CA)
 * DIR/server.p12       the intake's key and certificate chain
 * DIR/kiosk-ID.p12     a kiosk's key and certificate chain (CN = kiosk id, extended key usage clientAuth)
 * </pre>
 *
 * Blocking (runs keytool processes, about a second each); not thread-safe per directory.
 */
public final class DevPki {

    private final Path dir;
    private final String password;

    public DevPki(Path dir, String password) {
        this.dir = dir;
        this.password = password;
    }

    public Path caTrust() {
        return dir.resolve("ca-trust.p12");
    }

    public Path server() {
        return dir.resolve("server.p12");
    }

    public Path kiosk(String kioskId) {
        return dir.resolve("kiosk-" + kioskId + ".p12");
    }

    /** Creates the CA, its trust store and the server certificate (once; existing files are kept). */
    public DevPki createCaAndServer(String caName) throws IOException {
        createCa(caName);
        if (!Files.exists(server())) {
            issue(server(), "server", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost", "EKU=serverAuth");
        }
        return this;
    }

    /** Creates the CA and its trust store only (once). */
    public DevPki createCa(String caName) throws IOException {
        Files.createDirectories(dir);
        Path ca = dir.resolve("ca.p12");
        if (!Files.exists(ca)) {
            keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + caName,
                    "-ext", "bc:c", "-validity", "3650", "-keystore", ca.toString());
            keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", dir.resolve("ca.pem").toString());
            keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem").toString(),
                    "-keystore", caTrust().toString());
        }
        return this;
    }

    /** Issues a client certificate for {@code kioskId} (once). */
    public Path issueKiosk(String kioskId) throws IOException {
        Path file = kiosk(kioskId);
        if (!Files.exists(file)) {
            issue(file, "kiosk", "CN=" + kioskId, "EKU=clientAuth", null);
        }
        return file;
    }

    private void issue(Path store, String alias, String dname, String ext1, String ext2) throws IOException {
        Path ca = dir.resolve("ca.p12");
        Path csr = dir.resolve(alias + "-" + System.nanoTime() + ".csr");
        Path crt = dir.resolve(alias + "-" + System.nanoTime() + ".crt");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "825", "-keystore", store.toString());
        keytool("-certreq", "-alias", alias, "-keystore", store.toString(), "-file", csr.toString());
        List<String> gen = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile",
                csr.toString(), "-outfile", crt.toString(), "-rfc", "-validity", "825", "-ext", ext1));
        if (ext2 != null) {
            gen.addAll(List.of("-ext", ext2));
        }
        keytool(gen.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem").toString(), "-keystore", store.toString());
        keytool("-importcert", "-alias", alias, "-file", crt.toString(), "-keystore", store.toString());
        Files.deleteIfExists(csr);
        Files.deleteIfExists(crt);
    }

    private void keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", password));
        if (List.of(args).contains("-genkeypair")) {
            cmd.addAll(List.of("-keypass", password));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** {@code DevPki DIR PASSWORD KIOSK-ID...}: creates the CA, server and kiosk certificates. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: DevPki DIR PASSWORD [KIOSK-ID ...]");
            System.exit(2);
        }
        DevPki pki = new DevPki(Path.of(args[0]), args[1]).createCaAndServer("DXE Development Kiosk CA");
        for (int i = 2; i < args.length; i++) {
            pki.issueKiosk(io.dianxiaoer.core.wire.KioskId.of(args[i]).value());
        }
        System.out.println("PKI in " + args[0] + ": ca-trust.p12, server.p12, kiosk-*.p12");
    }
}
