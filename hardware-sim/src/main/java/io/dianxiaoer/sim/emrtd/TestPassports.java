package io.dianxiaoer.sim.emrtd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fictional travel documents the virtual chip can be: {@code passports.json} next to this class. Immutable. */
public final class TestPassports {

    private final Map<String, TestPassport> byKey;

    private TestPassports(List<TestPassport> all) {
        Map<String, TestPassport> m = new LinkedHashMap<>();
        all.forEach(p -> m.put(p.key(), p));
        this.byKey = Map.copyOf(m);
        this.order = List.copyOf(all);
    }

    private final List<TestPassport> order;

    public static TestPassports bundled() {
        try (InputStream in = TestPassports.class.getResourceAsStream("passports.json")) {
            if (in == null) {
                throw new IllegalStateException("passports.json missing from the classpath");
            }
            List<TestPassport> all = new ArrayList<>();
            for (JsonNode n : new ObjectMapper().readTree(in)) {
                all.add(new TestPassport(n.path("key").asText(), n.path("documentCode").asText(),
                        n.path("issuingState").asText(), n.path("surname").asText(), n.path("givenNames").asText(),
                        n.path("documentNumber").asText(), n.path("nationality").asText(), n.path("birthDate").asText(),
                        n.path("sex").asText("X").charAt(0), n.path("expiryDate").asText(),
                        n.path("optionalData").asText(""), n.path("face").asText(null), n.path("note").asText("")));
            }
            return new TestPassports(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<TestPassport> all() {
        return order;
    }

    public Optional<TestPassport> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }
}
