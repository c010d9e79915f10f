package io.dianxiaoer.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A downloaded catalog that is wrong is refused whole, with every problem named. */
class CatalogReaderTest {

    private static String sampleText() throws IOException {
        try (InputStream in = Catalog.class.getResourceAsStream(Catalog.SAMPLE_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheSampleAsTheIntakeWouldServeIt() throws IOException {
        Catalog c = CatalogReader.read(sampleText());
        assertThat(c.items()).hasSameSizeAs(Catalog.sample().items());
        assertThat(c.toString()).contains("items");
    }

    @Test
    void notJsonIsRefusedWithItsPlace() {
        assertThatThrownBy(() -> CatalogReader.read("{\"catalogVersion\": \"1\", ")).isInstanceOf(CatalogException.class)
                .hasMessageContaining("JSON line 1");
    }

    @Test
    void brokenReferencesAreAllListed() throws IOException {
        String broken = sampleText()
                .replaceFirst("\"department\": \"SCJG\"", "\"department\": \"NOPE\"")
                .replaceFirst("\"WASTE_CONTRACT\"\\]", "\"WASTE_CONTRACTT\"]")
                .replaceFirst("\"when\": \\{\"alcohol\": \\[\"yes\"\\]\\}", "\"when\": {\"alcohol\": [\"perhaps\"]}");
        CatalogException e = org.junit.jupiter.api.Assertions.assertThrows(CatalogException.class, () -> CatalogReader.read(broken));
        assertThat(e.problems()).anyMatch(p -> p.contains("unknown department NOPE"))
                .anyMatch(p -> p.contains("unknown material WASTE_CONTRACTT"))
                .anyMatch(p -> p.contains("perhaps is not an answer to alcohol"));
    }

    @Test
    void wrongShapesAndDuplicateCodesAreNamed() throws IOException {
        String text = sampleText();
        String dup = text.replaceFirst("\"code\": \"SH-SCJG-002\"", "\"code\": \"SH-SCJG-001\"");
        assertThatThrownBy(() -> CatalogReader.read(dup)).hasMessageContaining("SH-SCJG-001 is used twice");
        String badGroup = text.replaceFirst("\"group\": \"LEGAL_PERSON\"", "\"group\": \"COMPANY\"");
        assertThatThrownBy(() -> CatalogReader.read(badGroup)).hasMessageContaining("$.services[0].group: COMPANY is not one of");
        String noZh = text.replaceFirst("\"name\": \\{\"zh\": \"个体工商户设立登记\", ", "\"name\": {\"zh\": \"\", ");
        assertThatThrownBy(() -> CatalogReader.read(noZh)).hasMessageContaining("both zh and en");
        String badTime = text.replaceFirst("\"timeLimit\": \\{\"statutory\": 15, \"promised\": 1\\}",
                "\"timeLimit\": {\"statutory\": 1, \"promised\": 15}");
        assertThatThrownBy(() -> CatalogReader.read(badTime)).hasMessageContaining("promised <= statutory");
    }

    @Test
    void aMinimalCatalogWithoutOptionalPartsLoads() {
        Catalog c = CatalogReader.read("""
                {"catalogVersion": "t1",
                 "departments": [{"code": "D", "name": {"zh": "部门", "en": "Dept"}}],
                 "lifeEvents": [{"code": "E", "name": {"zh": "事", "en": "Event"}}],
                 "materials": [{"code": "M", "name": {"zh": "材料", "en": "Paper"}, "kind": "OTHER"}],
                 "fields": [{"id": "f", "label": {"zh": "电话", "en": "Phone"}, "type": "PHONE", "section": "A"}],
                 "services": [{"code": "I", "name": {"zh": "事项", "en": "Item"}, "group": "COMMUNITY", "department": "D",
                   "applicants": ["NATURAL_PERSON"], "eligibility": {"zh": "所有人", "en": "Anyone"},
                   "materials": ["M"], "fields": ["f"], "timeLimit": {"statutory": 5, "promised": 0},
                   "fee": {"note": {"zh": "不收费", "en": "Free"}}, "delivery": ["WINDOW"], "lifeEvents": ["E"],
                   "keywords": ["k"], "description": {"zh": "说明", "en": "About"}}]}
                """);
        ServiceItem it = c.requireItem("I");
        assertThat(it.documents()).hasSize(4);
        assertThat(it.popularity()).isEqualTo(50);
        assertThat(it.fee().isFree()).isTrue();
        assertThat(it.timeLimit().isImmediate()).isTrue();
        assertThat(c.themes()).isEmpty();
    }
}
