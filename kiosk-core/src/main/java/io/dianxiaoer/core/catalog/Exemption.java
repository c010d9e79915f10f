package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.text.LocalizedText;
import java.util.Objects;

/**
 * Why a material need not be handed in (两个免于提交) and who supplies it instead.
 *
 * @param source the system or department that supplies it (市公安局人口库, 不动产登记 …)
 */
public record Exemption(Basis basis, LocalizedText source) {

    public enum Basis {
        /** Issued by a government department: taken from the e-licence library (电子证照库). */
        E_LICENCE("政府部门核发，调取电子证照", "Issued by a government body: taken from the e-licence library"),
        /** Can be checked online: the department gets it by data sharing (数据共享核验). */
        DATA_SHARING("可通过数据共享核验", "Checked online through data sharing");

        private final LocalizedText label;

        Basis(String zh, String en) {
            this.label = LocalizedText.of(zh, en);
        }

        public LocalizedText label() {
            return label;
        }
    }

    public Exemption {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(source, "source");
    }
}
