package io.dianxiaoer.core.guidance;

import io.dianxiaoer.core.catalog.DeliveryOption;
import io.dianxiaoer.core.catalog.Department;
import io.dianxiaoer.core.catalog.ServiceItem;
import io.dianxiaoer.core.form.FormSchema;
import io.dianxiaoer.core.form.FormState;
import io.dianxiaoer.core.form.FormAction;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What guidance derived from the answers: the items to apply for, their departments, one merged
 * materials checklist and one merged form (一件事一次办). Immutable.
 *
 * @param materialEntries how many material requirements the items have in total, counting each
 *                        item's own list (what the citizen would hand in item by item)
 * @param formsMerged     how many items' application forms the one form replaces
 * @param answerValues    form values the answers already gave (field id → value)
 * @param complete        whether every question that applies has been answered
 */
public record Plan(List<ServiceItem> items, List<Department> departments, List<ChecklistEntry> checklist,
                   int materialEntries, int formsMerged, FormSchema form, Map<String, String> answerValues,
                   int promisedWorkingDays, BigDecimal totalFee, List<DeliveryOption> delivery, boolean complete) {

    public Plan {
        items = List.copyOf(items);
        departments = List.copyOf(departments);
        checklist = List.copyOf(checklist);
        Objects.requireNonNull(form, "form");
        answerValues = Map.copyOf(answerValues);
        Objects.requireNonNull(totalFee, "totalFee");
        delivery = List.copyOf(delivery);
    }

    public List<ChecklistEntry> withStatus(ChecklistEntry.Status status) {
        return checklist.stream().filter(e -> e.status() == status).toList();
    }

    /** The materials the citizen actually photographs. */
    public List<ChecklistEntry> toSubmit() {
        return withStatus(ChecklistEntry.Status.TO_SUBMIT);
    }

    /** The merged form, with the values the answers gave already filled in. */
    public FormState startForm() {
        return FormState.empty(form).apply(new FormAction.FillFromAnswers(answerValues));
    }
}
