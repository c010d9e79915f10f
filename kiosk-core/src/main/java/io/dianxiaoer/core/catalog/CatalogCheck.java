package io.dianxiaoer.core.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that goes beyond consistency: is every item <em>fully described</em>, so that the
 * kiosk can guide, fill, check and deliver it without a gap? A downloaded catalog that fails this
 * still loads (a department may publish an item before its guide is finished); the kiosk's
 * maintenance page lists the problems, and the sample catalog must have none. Stateless.
 */
public final class CatalogCheck {

    private CatalogCheck() {
    }

    /** Plain-language problems, one per gap, naming the item. Empty when every item is complete. */
    public static List<String> completeness(Catalog catalog) {
        List<String> out = new ArrayList<>();
        for (ServiceItem it : catalog.items()) {
            String at = it.code() + " " + it.name().zh() + ": ";
            if (it.applicants().isEmpty()) {
                out.add(at + "who may apply is not said");
            }
            if (it.eligibility().zh().length() < 6) {
                out.add(at + "eligibility is not described");
            }
            if (it.description().zh().length() < 10) {
                out.add(at + "description is too short");
            }
            if (it.documents().isEmpty()) {
                out.add(at + "no identity document is accepted");
            }
            if (it.materials().isEmpty()) {
                out.add(at + "no materials listed");
            }
            if (it.fields().stream().noneMatch(FieldRequirement::required)) {
                out.add(at + "the form asks nothing required");
            }
            if (it.fields().stream().noneMatch(f -> f.field().equals("applicant.phone"))) {
                out.add(at + "the form has no contact phone");
            }
            if (it.delivery().isEmpty()) {
                out.add(at + "no delivery option");
            }
            if (it.lifeEvents().isEmpty()) {
                out.add(at + "no life event");
            }
            if (it.keywords().isEmpty()) {
                out.add(at + "no keywords");
            }
            if (it.timeLimit().statutoryWorkingDays() == 0) {
                out.add(at + "no statutory time limit");
            }
            if (!it.fee().isFree() && it.fee().note().zh().length() < 2) {
                out.add(at + "a fee without its basis");
            }
        }
        for (Theme t : catalog.themes()) {
            if (t.items().size() < 2) {
                out.add(t.code() + ": a theme bundles at least two items");
            }
            if (t.questions().isEmpty()) {
                out.add(t.code() + ": a theme asks at least one question");
            }
        }
        return out;
    }
}
