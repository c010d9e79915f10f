package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.catalog.SearchHit.Field;
import io.dianxiaoer.core.catalog.SearchHit.Kind;
import io.dianxiaoer.core.pinyin.PinyinDictionary;
import io.dianxiaoer.core.text.LocalizedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The search index of a catalog: finds items and themes by Chinese text, full pinyin, pinyin
 * initials and any mix, in names, keywords, department and life-event names.
 *
 * <p>How it works. Every indexed text is cut into units: a Han character with its reading in
 * context (from {@link PinyinDictionary#syllablesOf}, so 银行 is yin hang), or a run of Latin
 * letters/digits. A query word matches a run of consecutive units when each Han character of the
 * query equals its unit, and each run of typed letters is spent as non-empty beginnings of
 * consecutive syllables: {@code jzz}, {@code juzhuzheng}, {@code juzhz} and {@code 居住z} all match
 * 居住证. An inverted index from the first typed letters (or the first character) to the unit
 * positions where a match can start means a query only tries the few places it can match at,
 * never the whole catalog: keys are a unit's first one, two or three letters, and pairs of
 * adjacent units' beginnings ({@code jz}: j-syllable then z-syllable; {@code juz}: ju… then z…).
 * Department and life-event names are indexed once each, shared by their items.
 *
 * <p>Ranking: any name match before any keyword match, before department and life-event names;
 * among names, a match at the start and one covering the whole name count more; then how much of
 * the text the query covers; then the item's popularity (themes count as most popular). Several words (separated by spaces) must all match.
 *
 * <p>Immutable after construction and thread-safe (work arrays are per thread); a search allocates
 * little beyond its result.
 * Measured speed: docs/catalog-search.md.
 */
public final class CatalogSearch {

    private static final int MAX_UNITS = 255;
    private static final int MAX_QUERY = 64;
    private static final int STEP_BUDGET = 4096;

    private record Target(Kind kind, String code, LocalizedText name, int popularity) {
    }

    private final List<Target> targets = new ArrayList<>();
    // per indexed text ("string id")
    private final List<int[]> owners = new ArrayList<>();
    private final List<Field> field = new ArrayList<>();
    private final List<String> text = new ArrayList<>();
    private final List<char[]> unitHan = new ArrayList<>();
    private final List<String[]> unitSyl = new ArrayList<>();
    private final List<int[]> unitStart = new ArrayList<>();
    private final List<int[]> unitEnd = new ArrayList<>();
    private final Map<String, int[]> postings;

    CatalogSearch(Catalog catalog, PinyinDictionary dictionary) {
        Map<String, IntList> building = new HashMap<>();
        // department and life-event names are shared by many items: index each once, owned by all its items
        Map<String, IntList> byDepartment = new java.util.LinkedHashMap<>();
        Map<String, IntList> byLifeEvent = new java.util.LinkedHashMap<>();
        for (ServiceItem it : catalog.items()) {
            int t = targets.size();
            targets.add(new Target(Kind.ITEM, it.code(), it.name(), it.popularity()));
            add(dictionary, building, new int[] {t}, Field.NAME, it.name().zh());
            for (String k : it.keywords()) {
                add(dictionary, building, new int[] {t}, Field.KEYWORD, k);
            }
            byDepartment.computeIfAbsent(it.department(), k -> new IntList()).add(t);
            for (String e : it.lifeEvents()) {
                byLifeEvent.computeIfAbsent(e, k -> new IntList()).add(t);
            }
        }
        byDepartment.forEach((code, items) ->
                add(dictionary, building, items.toArray(), Field.DEPARTMENT, catalog.department(code).name().zh()));
        for (LifeEvent e : catalog.lifeEvents()) {
            IntList items = byLifeEvent.get(e.code());
            if (items != null) {
                add(dictionary, building, items.toArray(), Field.LIFE_EVENT, e.name().zh());
            }
        }
        for (Theme th : catalog.themes()) {
            int t = targets.size();
            // themes are few and bundle a whole errand: they lead when they match
            targets.add(new Target(Kind.THEME, th.code(), th.name(), 100));
            add(dictionary, building, new int[] {t}, Field.NAME, th.name().zh());
            for (String k : th.keywords()) {
                add(dictionary, building, new int[] {t}, Field.KEYWORD, k);
            }
        }
        Map<String, int[]> frozen = new HashMap<>(building.size() * 2);
        building.forEach((k, v) -> frozen.put(k, v.toArray()));
        this.postings = frozen;
    }

    /** How many texts (names, keywords, …) the index holds. */
    public int indexedTexts() {
        return text.size();
    }

    private void add(PinyinDictionary dict, Map<String, IntList> building, int[] owning, Field f, String s) {
        String[] syl = dict.syllablesOf(s);
        List<Character> han = new ArrayList<>();
        List<String> sy = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        int i = 0;
        while (i < s.length() && han.size() < MAX_UNITS) {
            char c = s.charAt(i);
            if (PinyinDictionary.isHan(c)) {
                han.add(c);
                sy.add(syl[i]);
                starts.add(i);
                ends.add(i + 1);
                i++;
            } else if (isLatinOrDigit(c)) {
                int j = i;
                while (j < s.length() && isLatinOrDigit(s.charAt(j))) {
                    j++;
                }
                han.add((char) 0);
                sy.add(s.substring(i, j).toLowerCase(Locale.ROOT));
                starts.add(i);
                ends.add(j);
                i = j;
            } else {
                i++;
            }
        }
        if (han.isEmpty()) {
            return;
        }
        int sid = text.size();
        owners.add(owning);
        field.add(f);
        text.add(s);
        char[] h = new char[han.size()];
        for (int k = 0; k < h.length; k++) {
            h[k] = han.get(k);
        }
        unitHan.add(h);
        unitSyl.add(sy.toArray(new String[0]));
        unitStart.add(starts.stream().mapToInt(Integer::intValue).toArray());
        unitEnd.add(ends.stream().mapToInt(Integer::intValue).toArray());
        for (int u = 0; u < h.length; u++) {
            int posting = sid << 8 | u;
            if (h[u] != 0) {
                post(building, "c" + h[u], posting);
            }
            String y = sy.get(u);
            if (y != null) {
                post(building, "1" + y.charAt(0), posting);
                if (y.length() >= 2) {
                    post(building, "2" + y.substring(0, 2), posting);
                }
                if (y.length() >= 3) {
                    post(building, "3" + y.substring(0, 3), posting);
                }
                String next = u + 1 < h.length ? sy.get(u + 1) : null;
                if (next != null) {
                    post(building, "i" + y.charAt(0) + next.charAt(0), posting);
                    if (y.length() >= 2) {
                        post(building, "p" + y.substring(0, 2) + next.charAt(0), posting);
                    }
                }
            }
        }
    }

    private static void post(Map<String, IntList> building, String key, int posting) {
        IntList l = building.computeIfAbsent(key, k -> new IntList());
        if (l.size == 0 || l.data[l.size - 1] != posting) {
            l.add(posting);
        }
    }

    private static boolean isLatinOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** A query token: one Han character, or a run of letters/digits. */
    private record Token(char han, String latin) {
        boolean isHan() {
            return han != 0;
        }
    }

    static List<List<Token>> parse(String query) {
        List<List<Token>> terms = new ArrayList<>();
        if (query == null) {
            return terms;
        }
        String q = query.length() > MAX_QUERY ? query.substring(0, MAX_QUERY) : query;
        List<Token> current = new ArrayList<>();
        StringBuilder latin = new StringBuilder();
        for (int i = 0; i <= q.length(); i++) {
            char c = i < q.length() ? q.charAt(i) : ' ';
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0); // full-width letters and digits from a Chinese keyboard
            }
            c = Character.toLowerCase(c);
            if (c == 'ü') {
                c = 'v';
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                latin.append(c);
                continue;
            }
            if (latin.length() > 0) {
                current.add(new Token((char) 0, latin.toString()));
                latin.setLength(0);
            }
            if (PinyinDictionary.isHan(c)) {
                current.add(new Token(c, null));
            } else if (Character.isWhitespace(c) || c == '\u3000') {
                if (!current.isEmpty()) {
                    terms.add(current);
                    current = new ArrayList<>();
                }
            }
            // other punctuation separates letter runs but not words
        }
        if (!current.isEmpty()) {
            terms.add(current);
        }
        return terms;
    }

    /**
     * Per-thread work arrays, so that a search allocates almost nothing (the kiosk searches on
     * every key press; garbage would mean collector pauses on the UI's frame budget). Entries are
     * valid only where {@code stamp[t] == generation}, so nothing is cleared between searches.
     */
    private static final class Scratch {
        final int[] stamp;
        final int[] score;
        final int[] sid;
        final int[] start;
        final int[] end;
        final IntList touched = new IntList();
        int generation;
        int budget;

        Scratch(int n) {
            stamp = new int[n];
            score = new int[n];
            sid = new int[n];
            start = new int[n];
            end = new int[n];
        }
    }

    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(targets.size()));

    /** Best first; at most {@code limit} hits. An empty or punctuation-only query finds nothing. */
    public List<SearchHit> search(String query, int limit) {
        List<List<Token>> terms = parse(query);
        if (terms.isEmpty() || limit <= 0) {
            return List.of();
        }
        Scratch sc = scratch.get();
        // targets still in the running, with their summed score and where their first word matched
        int[] alive = null;
        int[] total = null;
        int[] bestSid = null;
        int[] bestStart = null;
        int[] bestEnd = null;
        int aliveCount = 0;
        for (int ti = 0; ti < terms.size(); ti++) {
            scoreTerm(terms.get(ti), sc);
            if (ti == 0) {
                aliveCount = sc.touched.size;
                alive = Arrays.copyOf(sc.touched.data, aliveCount);
                total = new int[aliveCount];
                bestSid = new int[aliveCount];
                bestStart = new int[aliveCount];
                bestEnd = new int[aliveCount];
                for (int i = 0; i < aliveCount; i++) {
                    int t = alive[i];
                    total[i] = sc.score[t];
                    bestSid[i] = sc.sid[t];
                    bestStart[i] = sc.start[t];
                    bestEnd[i] = sc.end[t];
                }
            } else {
                int kept = 0;
                for (int i = 0; i < aliveCount; i++) {
                    int t = alive[i];
                    if (sc.stamp[t] == sc.generation) {
                        alive[kept] = t;
                        total[kept] = total[i] + sc.score[t];
                        bestSid[kept] = bestSid[i];
                        bestStart[kept] = bestStart[i];
                        bestEnd[kept] = bestEnd[i];
                        kept++;
                    }
                }
                aliveCount = kept;
            }
            if (aliveCount == 0) {
                return List.of();
            }
        }
        for (int i = 0; i < aliveCount; i++) {
            total[i] += targets.get(alive[i]).popularity();
        }
        int[] top = top(alive, total, aliveCount, limit);
        List<SearchHit> hits = new ArrayList<>(top.length);
        for (int i : top) {
            Target tg = targets.get(alive[i]);
            int sid = bestSid[i];
            hits.add(new SearchHit(tg.kind(), tg.code(), tg.name(), total[i], field.get(sid), text.get(sid),
                    unitStart.get(sid)[bestStart[i]], unitEnd.get(sid)[bestEnd[i] - 1]));
        }
        return List.copyOf(hits);
    }

    /** Scores one query word against every place it can start; results in {@code sc} for this generation. */
    private void scoreTerm(List<Token> term, Scratch sc) {
        int gen = ++sc.generation;
        sc.touched.size = 0;
        for (int[] list : candidates(term)) {
            for (int posting : list) {
                int sid = posting >>> 8;
                int u = posting & 0xFF;
                sc.budget = STEP_BUDGET;
                int end = match(term, 0, 0, sid, u, sc);
                if (end < 0) {
                    continue;
                }
                int units = unitHan.get(sid).length;
                // start-of-name and whole-name bonuses only for names: any name match outranks keywords
                boolean name = field.get(sid) == Field.NAME;
                int score = weight(field.get(sid)) + (name && u == 0 ? 300 : 0) + (name && u == 0 && end == units ? 200 : 0)
                        + 200 * (end - u) / units;
                for (int t : owners.get(sid)) {
                    if (sc.stamp[t] != gen) {
                        sc.stamp[t] = gen;
                        sc.score[t] = -1;
                        sc.touched.add(t);
                    }
                    if (score > sc.score[t]) {
                        sc.score[t] = score;
                        sc.sid[t] = sid;
                        sc.start[t] = u;
                        sc.end[t] = end;
                    }
                }
            }
        }
    }

    /**
     * Indices (into alive/total) of the best {@code limit} entries, best first: higher score,
     * then shorter name, then catalog order. Selection rather than a full sort: a one-letter query
     * can match thousands of items and the screen shows a handful.
     */
    private int[] top(int[] alive, int[] total, int count, int limit) {
        int k = Math.min(limit, count);
        int[] heap = new int[k]; // the worst of the kept entries at heap[0]
        int size = 0;
        for (int i = 0; i < count; i++) {
            if (size < k) {
                heap[size] = i;
                int c = size++;
                while (c > 0 && better(alive, total, heap[(c - 1) / 2], heap[c])) {
                    int p = (c - 1) / 2;
                    int tmp = heap[p];
                    heap[p] = heap[c];
                    heap[c] = tmp;
                    c = p;
                }
            } else if (better(alive, total, i, heap[0])) {
                heap[0] = i;
                int c = 0;
                while (true) {
                    int l = 2 * c + 1;
                    int r = l + 1;
                    int w = c;
                    if (l < size && better(alive, total, heap[w], heap[l])) {
                        w = l;
                    }
                    if (r < size && better(alive, total, heap[w], heap[r])) {
                        w = r;
                    }
                    if (w == c) {
                        break;
                    }
                    int tmp = heap[w];
                    heap[w] = heap[c];
                    heap[c] = tmp;
                    c = w;
                }
            }
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = heap[i];
        }
        Arrays.sort(order, (a, b) -> better(alive, total, a, b) ? -1 : better(alive, total, b, a) ? 1 : 0);
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = order[i];
        }
        return out;
    }

    private boolean better(int[] alive, int[] total, int a, int b) {
        if (total[a] != total[b]) {
            return total[a] > total[b];
        }
        int la = targets.get(alive[a]).name().zh().length();
        int lb = targets.get(alive[b]).name().zh().length();
        if (la != lb) {
            return la < lb;
        }
        return alive[a] < alive[b];
    }

    /**
     * The codes a query matches, found by trying every unit of every text (no index): the
     * reference the index is tested against.
     */
    java.util.Set<String> scanAll(String query) {
        List<List<Token>> terms = parse(query);
        java.util.Set<String> result = null;
        Scratch sc = new Scratch(targets.size());
        for (List<Token> term : terms) {
            java.util.Set<String> found = new java.util.HashSet<>();
            for (int sid = 0; sid < text.size(); sid++) {
                for (int u = 0; u < unitHan.get(sid).length; u++) {
                    sc.budget = STEP_BUDGET;
                    if (match(term, 0, 0, sid, u, sc) >= 0) {
                        for (int t : owners.get(sid)) {
                            found.add(targets.get(t).code());
                        }
                    }
                }
            }
            if (result == null) {
                result = found;
            } else {
                result.retainAll(found);
            }
        }
        return result == null ? java.util.Set.of() : result;
    }

    private static int weight(Field f) {
        return switch (f) {
            case NAME -> 1000;
            case KEYWORD -> 600;
            case LIFE_EVENT -> 300;
            case DEPARTMENT -> 250;
        };
    }

    /** The posting lists holding every place a match of this term can start. */
    private List<int[]> candidates(List<Token> term) {
        Token first = term.get(0);
        if (first.isHan()) {
            return List.of(postings.getOrDefault("c" + first.han(), new int[0]));
        }
        String l = first.latin();
        // The first unit spends k >= 1 letters of the run: k >= 3 (its syllable begins with the first
        // three letters), k == 2 (begins with two, the next unit with the third), k == 1 (the next
        // unit begins with the second letter). The keys of these cases cover every possible start.
        if (l.length() >= 3) {
            int[] none = new int[0];
            return List.of(postings.getOrDefault("3" + l.substring(0, 3), none), postings.getOrDefault("p" + l.substring(0, 3), none),
                    postings.getOrDefault("i" + l.substring(0, 2), none));
        }
        if (l.length() == 2) {
            return List.of(postings.getOrDefault("2" + l, new int[0]), postings.getOrDefault("i" + l, new int[0]));
        }
        return List.of(postings.getOrDefault("1" + l, new int[0]));
    }

    /**
     * Matches tokens[ti] (from character {@code off} of a letter run) onwards against units from
     * {@code u}; returns the unit index after the match, or -1.
     */
    private int match(List<Token> tokens, int ti, int off, int sid, int u, Scratch budget) {
        if (ti == tokens.size()) {
            return u;
        }
        if (--budget.budget < 0) {
            return -1; // pathological input: give up on this place rather than stall the screen
        }
        char[] han = unitHan.get(sid);
        if (u >= han.length) {
            return -1;
        }
        Token t = tokens.get(ti);
        if (t.isHan()) {
            return han[u] == t.han() ? match(tokens, ti + 1, 0, sid, u + 1, budget) : -1;
        }
        String y = unitSyl.get(sid)[u];
        if (y == null) {
            return -1;
        }
        String l = t.latin();
        int common = 0;
        int max = Math.min(y.length(), l.length() - off);
        while (common < max && y.charAt(common) == l.charAt(off + common)) {
            common++;
        }
        for (int k = common; k >= 1; k--) {
            int r = off + k == l.length()
                    ? match(tokens, ti + 1, 0, sid, u + 1, budget)
                    : match(tokens, ti, off + k, sid, u + 1, budget);
            if (r >= 0) {
                return r;
            }
        }
        return -1;
    }

    private static final class IntList {
        int[] data = new int[4];
        int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
