package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.identity.DocumentKind;
import io.dianxiaoer.core.text.LocalizedText;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One service item (事项) of the catalog: everything the kiosk needs to guide, fill, check and
 * submit it. Pure data, immutable; references (department, materials, fields, questions, life
 * events) are codes that {@link CatalogReader} has checked against the catalog.
 *
 * @param eligibility   who may apply, in plain words (申请条件)
 * @param documents     identity documents accepted at the kiosk for this item
 * @param questions     guidance questions this item asks (ids of {@link Catalog#questions()})
 * @param produces      materials this item's result is (a business licence): in a bundle they are
 *                      not asked of later items
 * @param popularity    0..100, how often it is applied for; ranks search results and browse lists
 */
public record ServiceItem(
        String code,
        LocalizedText name,
        ServiceGroup group,
        String department,
        Set<ApplicantType> applicants,
        LocalizedText eligibility,
        Set<DocumentKind> documents,
        List<String> questions,
        List<MaterialRequirement> materials,
        List<FieldRequirement> fields,
        List<String> produces,
        TimeLimit timeLimit,
        Fee fee,
        List<DeliveryOption> delivery,
        List<String> lifeEvents,
        List<String> keywords,
        int popularity,
        LocalizedText description) {

    public ServiceItem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(department, "department");
        applicants = Set.copyOf(applicants);
        Objects.requireNonNull(eligibility, "eligibility");
        documents = Set.copyOf(documents);
        questions = List.copyOf(questions);
        materials = List.copyOf(materials);
        fields = List.copyOf(fields);
        produces = List.copyOf(produces);
        Objects.requireNonNull(timeLimit, "timeLimit");
        Objects.requireNonNull(fee, "fee");
        delivery = List.copyOf(delivery);
        lifeEvents = List.copyOf(lifeEvents);
        keywords = List.copyOf(keywords);
        Objects.requireNonNull(description, "description");
        if (popularity < 0 || popularity > 100) {
            throw new IllegalArgumentException("item " + code + ": popularity is 0..100");
        }
    }

    @Override
    public String toString() {
        return "ServiceItem[" + code + " " + name.zh() + "]";
    }
}
