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
 * 居住证. An inverted index from the first one or two typed letters (or the first character) to the
 * unit positions where a match can start means a query only tries the few places it can match
 * at, never the whole catalog.
 *
 * <p>Ranking: any name match before any keyword match, before department and life-event names;
 * among names, a match at the start and one covering the whole name count more; then how much of
 * the text the query covers; then the item's popularity (themes count as most popular). Several words (separated by spaces) must all match.
 *
 * <p>Immutable after construction, thread-safe; a search allocates only per-query arrays.
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
    private final List<Integer> owner = new ArrayList<>();
    private final List<Field> field = new ArrayList<>();
    private final List<String> text = new ArrayList<>();
    private final List<char[]> unitHan = new ArrayList<>();
    private final List<String[]> unitSyl = new ArrayList<>();
    private final List<int[]> unitStart = new ArrayList<>();
    private final List<int[]> unitEnd = new ArrayList<>();
    private final Map<String, int[]> postings;

    CatalogSearch(Catalog catalog, PinyinDictionary dictionary) {
        Map<String, IntList> building = new HashMap<>();
        for (ServiceItem it : catalog.items()) {
            int t = targets.size();
            targets.add(new Target(Kind.ITEM, it.code(), it.name(), it.popularity()));
            add(dictionary, building, t, Field.NAME, it.name().zh());
            for (String k : it.keywords()) {
                add(dictionary, building, t, Field.KEYWORD, k);
            }
            Department d = catalog.department(it.department());
            add(dictionary, building, t, Field.DEPARTMENT, d.name().zh());
            for (String e : it.lifeEvents()) {
                catalog.lifeEvents().stream().filter(l -> l.code().equals(e)).findFirst()
                        .ifPresent(l -> add(dictionary, building, t, Field.LIFE_EVENT, l.name().zh()));
            }
        }
        for (Theme th : catalog.themes()) {
            int t = targets.size();
            // themes are few and bundle a whole errand: they lead when they match
            targets.add(new Target(Kind.THEME, th.code(), th.name(), 100));
            add(dictionary, building, t, Field.NAME, th.name().zh());
            for (String k : th.keywords()) {
                add(dictionary, building, t, Field.KEYWORD, k);
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

    private void add(PinyinDictionary dict, Map<String, IntList> building, int target, Field f, String s) {
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
        owner.add(target);
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
                if (u + 1 < h.length && sy.get(u + 1) != null) {
                    post(building, "i" + y.charAt(0) + sy.get(u + 1).charAt(0), posting);
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

    /** Best first; at most {@code limit} hits. An empty or punctuation-only query finds nothing. */
    public List<SearchHit> search(String query, int limit) {
        List<List<Token>> terms = parse(query);
        if (terms.isEmpty() || limit <= 0) {
            return List.of();
        }
        int n = targets.size();
        int[] total = new int[n];
        int[] bestSid = new int[n];
        int[] bestStart = new int[n];
        int[] bestEnd = new int[n];
        int[] termScore = new int[n];
        int[] termSid = new int[n];
        int[] termStart = new int[n];
        int[] termEnd = new int[n];
        for (int ti = 0; ti < terms.size(); ti++) {
            List<Token> term = terms.get(ti);
            Arrays.fill(termScore, -1);
            for (int[] list : candidates(term)) {
                for (int posting : list) {
                    int sid = posting >>> 8;
                    int u = posting & 0xFF;
                    int[] budget = {STEP_BUDGET};
                    int end = match(term, 0, 0, sid, u, budget);
                    if (end < 0) {
                        continue;
                    }
                    int t = owner.get(sid);
                    int units = unitHan.get(sid).length;
                    // start-of-name and whole-name bonuses only for names: any name match outranks keywords
                    boolean name = field.get(sid) == Field.NAME;
                    int score = weight(field.get(sid)) + (name && u == 0 ? 300 : 0) + (name && u == 0 && end == units ? 200 : 0)
                            + 200 * (end - u) / units;
                    if (score > termScore[t]) {
                        termScore[t] = score;
                        termSid[t] = sid;
                        termStart[t] = u;
                        termEnd[t] = end;
                    }
                }
            }
            for (int t = 0; t < n; t++) {
                if (ti == 0) {
                    total[t] = termScore[t];
                    bestSid[t] = termSid[t];
                    bestStart[t] = termStart[t];
                    bestEnd[t] = termEnd[t];
                } else if (total[t] >= 0) {
                    total[t] = termScore[t] < 0 ? -1 : total[t] + termScore[t];
                }
            }
        }
        List<Integer> found = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            if (total[t] >= 0) {
                total[t] += targets.get(t).popularity();
                found.add(t);
            }
        }
        found.sort((a, b) -> total[a] != total[b] ? Integer.compare(total[b], total[a])
                : targets.get(a).name().zh().length() != targets.get(b).name().zh().length()
                ? Integer.compare(targets.get(a).name().zh().length(), targets.get(b).name().zh().length())
                : targets.get(a).code().compareTo(targets.get(b).code()));
        List<SearchHit> hits = new ArrayList<>(Math.min(limit, found.size()));
        for (int i = 0; i < found.size() && hits.size() < limit; i++) {
            int t = found.get(i);
            Target tg = targets.get(t);
            int sid = bestSid[t];
            hits.add(new SearchHit(tg.kind(), tg.code(), tg.name(), total[t], field.get(sid), text.get(sid),
                    unitStart.get(sid)[bestStart[t]], unitEnd.get(sid)[bestEnd[t] - 1]));
        }
        return List.copyOf(hits);
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
        if (l.length() >= 2) {
            return List.of(postings.getOrDefault("2" + l.substring(0, 2), new int[0]),
                    postings.getOrDefault("i" + l.substring(0, 2), new int[0]));
        }
        return List.of(postings.getOrDefault("1" + l, new int[0]));
    }

    /**
     * Matches tokens[ti] (from character {@code off} of a letter run) onwards against units from
     * {@code u}; returns the unit index after the match, or -1.
     */
    private int match(List<Token> tokens, int ti, int off, int sid, int u, int[] budget) {
        if (ti == tokens.size()) {
            return u;
        }
        if (--budget[0] < 0) {
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
