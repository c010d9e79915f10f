package io.dianxiaoer.core.catalog;

import java.util.List;

/**
 * A catalog document that cannot be used: every problem found, each naming its place
 * ({@code services[12].materials[3]: unknown material LEASE_CONTRACTT}). The kiosk keeps its
 * previous catalog when a download fails this way.
 */
public class CatalogException extends RuntimeException {

    private final List<String> problems;

    public CatalogException(List<String> problems) {
        super(problems.size() + " problem(s) in the catalog: " + String.join("; ",
                problems.subList(0, Math.min(problems.size(), 10))) + (problems.size() > 10 ? "; …" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
