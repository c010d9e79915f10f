package io.dianxiaoer.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireTest {

    @Test
    void kioskIdFollowsTheOneRule() {
        assertThat(KioskId.of("SH-PD-0001").value()).isEqualTo("SH-PD-0001");
        assertThat(KioskId.isValid("A".repeat(32))).isTrue();
        for (String bad : new String[] {"", "sh-pd-0001", "SH PD", "SH_PD", "柜台1", "A".repeat(33)}) {
            assertThat(KioskId.isValid(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> KioskId.of(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("kioskId must be 1 to 32 characters of A-Z, 0-9 and '-'");
        }
        assertThat(KioskId.isValid(null)).isFalse();
    }

    @Test
    void personalDataStaysOutOfToString() {
        Applicant a = new Applicant("张伟", "310115198503120119");
        SubmissionRequest r = new SubmissionRequest("SH-PD-0001", "SH-PD-0001-20261122-000001", "SB-010", a,
                Map.of("address", "上海市浦东新区"), List.of());
        IdentityVerificationRequest v = new IdentityVerificationRequest("310115198503120119", "AAAA");
        RatingRequest rating = new RatingRequest("SL-20261122-00000001", 5, "A-1", "服务很好 张伟");
        for (String s : List.of(a.toString(), r.toString(), v.toString(), rating.toString())) {
            assertThat(s).doesNotContain("张伟").doesNotContain("310115198503120119").doesNotContain("上海市");
        }
        assertThat(a.toString()).contains("0119");
    }

    @Test
    void theContractIsOnTheClassPath() throws IOException {
        try (InputStream in = WireTest.class.getResourceAsStream(WireHeaders.OPENAPI_RESOURCE)) {
            assertThat(in).isNotNull();
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(yaml).startsWith("openapi: 3.0").contains(WireHeaders.IDEMPOTENCY_KEY).contains(WireHeaders.UPLOAD_OFFSET)
                    .contains(WireHeaders.UPLOAD_CHECKSUM).contains("\"460\"");
        }
    }
}
