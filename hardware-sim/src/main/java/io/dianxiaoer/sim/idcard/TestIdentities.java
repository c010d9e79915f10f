package io.dianxiaoer.sim.idcard;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The test identities of the simulator: the shipped data file, or one given by path. Immutable. */
public final class TestIdentities {

    public static final String BUNDLED = "/io/dianxiaoer/sim/idcard/identities.json";

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record File(List<TestIdentity> identities) {
    }

    private final Map<String, TestIdentity> byKey;

    private TestIdentities(List<TestIdentity> list) {
        Map<String, TestIdentity> m = new LinkedHashMap<>();
        for (TestIdentity t : list) {
            if (m.put(t.key(), t) != null) {
                throw new IllegalArgumentException("duplicate test identity key " + t.key());
            }
        }
        byKey = Map.copyOf(m);
        order = List.copyOf(m.keySet());
    }

    private final List<String> order;

    public static TestIdentities bundled() {
        try (InputStream in = TestIdentities.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("bundled identities missing: " + BUNDLED);
            }
            return new TestIdentities(new ObjectMapper().readValue(in, File.class).identities());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestIdentities fromFile(Path path) throws IOException {
        return new TestIdentities(new ObjectMapper().readValue(Files.readAllBytes(path), File.class).identities());
    }

    public Optional<TestIdentity> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** In file order. */
    public List<TestIdentity> all() {
        return order.stream().map(byKey::get).toList();
    }
}
