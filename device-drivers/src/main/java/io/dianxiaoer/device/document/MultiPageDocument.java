package io.dianxiaoer.device.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The pages of one material (a multi-page form, both sides of a card) captured one after the
 * other: add, retake (replace) or drop a page, in order. Replaced and dropped pages are wiped at
 * once; {@link #wipe()} clears them all when the session ends.
 *
 * <p>Thread-safe (synchronised): the capture screen adds while a later check reads.
 */
public final class MultiPageDocument {

    private final int maxPages;
    private final List<ProcessedPage> pages = new ArrayList<>();

    public MultiPageDocument(int maxPages) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1");
        }
        this.maxPages = maxPages;
    }

    /** Appends a page; returns its index. */
    public synchronized int add(ProcessedPage page) {
        Objects.requireNonNull(page, "page");
        if (pages.size() >= maxPages) {
            throw new IllegalStateException("a material has at most " + maxPages + " pages");
        }
        pages.add(page);
        return pages.size() - 1;
    }

    /** Replaces page {@code index} by a new picture of it; the old one is wiped. */
    public synchronized void retake(int index, ProcessedPage page) {
        Objects.requireNonNull(page, "page");
        checkIndex(index);
        pages.set(index, page).wipe();
    }

    public synchronized void remove(int index) {
        checkIndex(index);
        pages.remove(index).wipe();
    }

    public synchronized List<ProcessedPage> pages() {
        return List.copyOf(pages);
    }

    public synchronized int size() {
        return pages.size();
    }

    public synchronized long totalBytes() {
        return pages.stream().mapToLong(ProcessedPage::sizeBytes).sum();
    }

    /** Whether every page passed the quality checks. */
    public synchronized boolean allAcceptable() {
        return !pages.isEmpty() && pages.stream().allMatch(p -> p.quality().acceptable());
    }

    /** Wipes and drops every page. */
    public synchronized void wipe() {
        pages.forEach(ProcessedPage::wipe);
        pages.clear();
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= pages.size()) {
            throw new IndexOutOfBoundsException("no page " + (index + 1) + " (the material has " + pages.size() + ")");
        }
    }

    @Override
    public synchronized String toString() {
        return "MultiPageDocument[" + pages.size() + " pages, " + totalBytes() + " bytes]";
    }
}
