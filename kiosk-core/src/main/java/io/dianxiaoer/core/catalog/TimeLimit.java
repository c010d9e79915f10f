package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.text.LocalizedText;

/**
 * 时限: the statutory limit (法定时限) and the shorter one Shanghai promises (承诺时限), in working
 * days; a promise of 0 means decided on the spot (即办).
 */
public record TimeLimit(int statutoryWorkingDays, int promisedWorkingDays) {

    public TimeLimit {
        if (promisedWorkingDays < 0 || statutoryWorkingDays < 0 || promisedWorkingDays > statutoryWorkingDays) {
            throw new IllegalArgumentException("time limits must be 0 <= promised <= statutory");
        }
    }

    public boolean isImmediate() {
        return promisedWorkingDays == 0;
    }

    public LocalizedText promiseText() {
        return isImmediate() ? LocalizedText.of("即办", "Decided on the spot")
                : LocalizedText.of(promisedWorkingDays + "个工作日", promisedWorkingDays + " working days");
    }
}
