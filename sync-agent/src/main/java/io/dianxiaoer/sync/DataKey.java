package io.dianxiaoer.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The kiosk's outbox data key (AES-256) and the sealing done with it: AES-GCM with a fresh
 * 96-bit random nonce per message and the row's identity as associated data, so a sealed value
 * cannot be moved to another row unnoticed. Sealed form: {@code 0x01 | nonce(12) | ciphertext+tag(16)}.
 *
 * <p>The key lives in a PKCS#12 key store (path and password from the configuration) as a secret
 * key entry; {@link #openOrCreate} makes one on first start. Whoever has the database file but
 * not the key store and its password reads only ciphertext.
 *
 * <p>Thread-safe: every call makes its own {@link Cipher}.
 */
public final class DataKey {

    static final String ALIAS = "outbox-data-key";
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int SLICE = 64 * 1024;
    /** Overhead of a sealed value over its plaintext. */
    public static final int OVERHEAD = 1 + NONCE_BYTES + TAG_BITS / 8;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private DataKey(SecretKey key) {
        this.key = key;
    }

    /** For tests and tools that hold the key in memory only. */
    static DataKey of(SecretKey key) {
        return new DataKey(Objects.requireNonNull(key, "key"));
    }

    /**
     * Loads the data key from {@code keyStore}, or creates the store with a new random key when the file
     * does not exist. A wrong password or a store without the key fails: a new key would make every
     * queued submission unreadable.
     */
    public static DataKey openOrCreate(Path keyStore, char[] password) {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
        try {
            if (Files.exists(keyStore)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(keyStore)) {
                    ks.load(in, password);
                }
                KeyStore.Entry entry = ks.getEntry(ALIAS, new KeyStore.PasswordProtection(password));
                if (!(entry instanceof KeyStore.SecretKeyEntry secret)) {
                    throw new IllegalStateException("key store " + keyStore + " has no secret key '" + ALIAS + "'");
                }
                return new DataKey(secret.getSecretKey());
            }
            KeyGenerator gen = KeyGenerator.getInstance("AES");
            gen.init(256);
            SecretKey key = gen.generateKey();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, password);
            ks.setEntry(ALIAS, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));
            Path dir = keyStore.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".datakey", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password);
            }
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                // Atomic and never replacing: two processes creating at once must not end with two different keys.
                Files.move(tmp, keyStore, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, keyStore);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return openOrCreate(keyStore, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the outbox key store " + keyStore + ": " + e.getMessage(), e);
        }
    }

    /** Seals {@code plaintext}, bound to {@code context} (e.g. "payload:SH-PD-0001-20261122-000042"). */
    public byte[] seal(byte[] plaintext, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] out = new byte[1 + NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            int off = 1 + NONCE_BYTES;
            // In slices: JDK 17 runs its AES-GCM intrinsic on update() calls; one doFinal over megabytes took
            // ~30 ms per MB here instead of well under 1 ms.
            for (int p = 0; p < plaintext.length; p += SLICE) {
                off += cipher.update(plaintext, p, Math.min(SLICE, plaintext.length - p), out, off);
            }
            cipher.doFinal(out, off);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /** Opens a sealed value. @throws IllegalStateException when it was altered, moved, or sealed under another key */
    public byte[] open(byte[] sealed, String context) {
        if (sealed.length < OVERHEAD || sealed[0] != VERSION) {
            throw new IllegalStateException("sealed value has an unknown format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] out = new byte[sealed.length - OVERHEAD];
            int off = 0;
            int end = sealed.length;
            for (int p = 1 + NONCE_BYTES; p < end; p += SLICE) {
                off += cipher.update(sealed, p, Math.min(SLICE, end - p), out, off);
            }
            off += cipher.doFinal(out, off);
            return off == out.length ? out : java.util.Arrays.copyOf(out, off);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("sealed value fails authentication (altered, moved, or another key)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
        }
    }

    /** Zeroes {@code bytes}: plaintext buffers are wiped once used. */
    static void wipe(byte[] bytes) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "DataKey[AES-256]";
    }
}
