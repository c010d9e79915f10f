package io.dianxiaoer.core.pinyin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Readings of Chinese characters and words, from the dictionary resource that
 * {@code scripts/pinyin/generate.sh} builds out of pinyin-pro (readings, polyphones resolved per
 * word) and jieba's word list (frequencies). One dictionary feeds both the catalog search
 * (text → pinyin, {@link #syllablesOf}) and the on-screen input method ({@link PinyinInput}).
 *
 * <p>Polyphones are resolved at word level: {@link #syllablesOf} segments the text into the
 * fewest dictionary words (ties broken by word frequency) and takes each word's reading in
 * context, so 重庆 reads chong qing and 重要 zhong yao, 银行 yin hang and 行政 xing zheng.
 * A character outside any word takes its most frequent reading.
 *
 * <p>Syllables are toneless, lower case, with ü written {@code v} (lv, nv), as people type them.
 *
 * <p>Immutable and thread-safe once built. Loading the bundled resource takes a few hundred
 * milliseconds and ~20 MB of heap, so {@link #standard()} loads it once, on first use.
 */
public final class PinyinDictionary {

    /** The bundled resource, under this class's package. */
    public static final String RESOURCE = "pinyin-dict.tsv.gz";
    private static final int FIRST_HAN = 0x4E00;
    private static final int LAST_HAN = 0x9FFF;

    /** A character or word with one of its readings, and how common it is. */
    public record Entry(String text, List<String> syllables, int frequency) {
        public Entry {
            Objects.requireNonNull(text, "text");
            syllables = List.copyOf(syllables);
        }

        /** First letters of the syllables: 居住证 → {@code jzz}. */
        public String initials() {
            StringBuilder sb = new StringBuilder(syllables.size());
            for (String s : syllables) {
                sb.append(s.charAt(0));
            }
            return sb.toString();
        }
    }

    private final String[][] charReadings = new String[LAST_HAN - FIRST_HAN + 1][];
    private final Map<String, Entry> words;
    private final int maxWordLength;
    private final Set<String> syllables;
    private final Set<String> syllablePrefixes;
    /** Entries (characters with each reading, and words) by their initials, most frequent first. */
    private final Map<String, Entry[]> byInitials;

    private PinyinDictionary(Map<Character, String[]> chars, Map<Character, int[]> charWeights,
                             Map<String, Entry> words) {
        TreeSet<String> syl = new TreeSet<>();
        Map<String, List<Entry>> index = new HashMap<>();
        for (Map.Entry<Character, String[]> e : chars.entrySet()) {
            char c = e.getKey();
            charReadings[c - FIRST_HAN] = e.getValue();
            int[] w = charWeights.get(c);
            for (int i = 0; i < e.getValue().length; i++) {
                String r = e.getValue()[i];
                syl.add(r);
                Entry entry = new Entry(String.valueOf(c), List.of(r), w[i]);
                index.computeIfAbsent(entry.initials(), k -> new ArrayList<>()).add(entry);
            }
        }
        int max = 1;
        for (Entry w : words.values()) {
            max = Math.max(max, w.text().length());
            index.computeIfAbsent(w.initials(), k -> new ArrayList<>()).add(w);
        }
        this.words = Collections.unmodifiableMap(words);
        this.maxWordLength = max;
        this.syllables = Collections.unmodifiableSet(syl);
        TreeSet<String> prefixes = new TreeSet<>();
        for (String s : syl) {
            for (int i = 1; i <= s.length(); i++) {
                prefixes.add(s.substring(0, i));
            }
        }
        this.syllablePrefixes = Collections.unmodifiableSet(prefixes);
        Comparator<Entry> byFrequency = Comparator.comparingInt(Entry::frequency).reversed()
                .thenComparingInt(e -> e.text().length())
                .thenComparing(Entry::text);
        Map<String, Entry[]> frozen = new HashMap<>(index.size() * 2);
        for (Map.Entry<String, List<Entry>> e : index.entrySet()) {
            Entry[] arr = e.getValue().toArray(new Entry[0]);
            Arrays.sort(arr, byFrequency);
            frozen.put(e.getKey(), arr);
        }
        this.byInitials = frozen;
    }

    private static final class Holder {
        static final PinyinDictionary STANDARD = loadResource();

        private static PinyinDictionary loadResource() {
            try (InputStream in = PinyinDictionary.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("pinyin dictionary resource " + RESOURCE + " is missing");
                }
                return load(new InputStreamReader(new GZIPInputStream(in, 1 << 16), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the pinyin dictionary resource", e);
            }
        }
    }

    /** The bundled dictionary, loaded on first use. */
    public static PinyinDictionary standard() {
        return Holder.STANDARD;
    }

    /**
     * Reads a dictionary in the resource's TSV format: {@code C <char> <reading:weight,...>} and
     * {@code W <word> <syllables> <frequency>} lines; {@code #} starts a comment line.
     *
     * @throws IllegalArgumentException naming the line, for a line that is not of that format
     */
    public static PinyinDictionary load(Reader reader) throws IOException {
        Map<Character, String[]> chars = new LinkedHashMap<>();
        Map<Character, int[]> weights = new HashMap<>();
        Map<String, Entry> words = new HashMap<>(1 << 17);
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                if (f[0].equals("C") && f.length == 3 && f[1].length() == 1) {
                    char c = f[1].charAt(0);
                    if (c < FIRST_HAN || c > LAST_HAN) {
                        throw new IllegalArgumentException("character outside U+4E00..U+9FFF");
                    }
                    String[] parts = f[2].split(",");
                    String[] readings = new String[parts.length];
                    int[] w = new int[parts.length];
                    for (int i = 0; i < parts.length; i++) {
                        int colon = parts[i].indexOf(':');
                        readings[i] = checkSyllable(parts[i].substring(0, colon)).intern();
                        w[i] = Integer.parseInt(parts[i].substring(colon + 1));
                    }
                    chars.put(c, readings);
                    weights.put(c, w);
                } else if (f[0].equals("W") && f.length == 4) {
                    String[] syl = f[2].split(" ");
                    if (syl.length != f[1].length()) {
                        throw new IllegalArgumentException("word and reading differ in length");
                    }
                    for (int i = 0; i < syl.length; i++) {
                        syl[i] = checkSyllable(syl[i]).intern();
                    }
                    words.put(f[1], new Entry(f[1], Arrays.asList(syl), Integer.parseInt(f[3])));
                } else {
                    throw new IllegalArgumentException("not a C or W line");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("pinyin dictionary line " + n + ": " + e.getMessage(), e);
            }
        }
        return new PinyinDictionary(chars, weights, words);
    }

    private static String checkSyllable(String s) {
        if (s.isEmpty() || s.length() > 6) {
            throw new IllegalArgumentException("bad syllable '" + s + "'");
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 'a' || s.charAt(i) > 'z') {
                throw new IllegalArgumentException("bad syllable '" + s + "'");
            }
        }
        return s;
    }

    /** Whether the dictionary knows a reading of {@code c}. */
    public static boolean isHan(char c) {
        return c >= FIRST_HAN && c <= LAST_HAN;
    }

    /** Every reading of a character, most common first; empty for a character it does not know. */
    public List<String> readings(char c) {
        if (!isHan(c) || charReadings[c - FIRST_HAN] == null) {
            return List.of();
        }
        return List.of(charReadings[c - FIRST_HAN]);
    }

    /** A word of two or more characters, if the dictionary has it. */
    public Entry word(String text) {
        return words.get(text);
    }

    public int wordCount() {
        return words.size();
    }

    /** Every syllable any character may be read as (about 400). */
    public Set<String> syllables() {
        return syllables;
    }

    public boolean isSyllable(String s) {
        return syllables.contains(s);
    }

    /** Whether {@code s} begins at least one syllable ({@code zh}, {@code j}, {@code xia}). */
    public boolean isSyllablePrefix(String s) {
        return syllablePrefixes.contains(s);
    }

    /** Characters and words whose initials are exactly {@code initials}, most frequent first. */
    List<Entry> entriesByInitials(String initials) {
        Entry[] arr = byInitials.get(initials);
        return arr == null ? List.of() : Arrays.asList(arr);
    }

    /**
     * The reading of every character of {@code text} in context: element i is the syllable of
     * {@code text.charAt(i)}, or {@code null} where that character is not a Han character the
     * dictionary knows (Latin letters, digits, punctuation).
     */
    public String[] syllablesOf(String text) {
        int n = text.length();
        String[] out = new String[n];
        // best[i]: fewest segments covering text[0, i); score[i]: summed log-frequency of those segments
        int[] best = new int[n + 1];
        double[] score = new double[n + 1];
        int[] cut = new int[n + 1];
        Arrays.fill(best, Integer.MAX_VALUE);
        best[0] = 0;
        for (int i = 0; i < n; i++) {
            if (best[i] == Integer.MAX_VALUE) {
                continue;
            }
            relax(best, score, cut, i, i + 1, 0.0);
            if (!isHan(text.charAt(i))) {
                continue;
            }
            int limit = Math.min(n, i + maxWordLength);
            for (int j = i + 2; j <= limit; j++) {
                if (!isHan(text.charAt(j - 1))) {
                    break;
                }
                Entry w = words.get(text.substring(i, j));
                if (w != null) {
                    relax(best, score, cut, i, j, Math.log(1.0 + w.frequency()));
                }
            }
        }
        for (int end = n; end > 0; end = cut[end]) {
            int start = cut[end];
            if (end - start == 1) {
                List<String> r = readings(text.charAt(start));
                out[start] = r.isEmpty() ? null : r.get(0);
            } else {
                List<String> syl = words.get(text.substring(start, end)).syllables();
                for (int k = start; k < end; k++) {
                    out[k] = syl.get(k - start);
                }
            }
        }
        return out;
    }

    private static void relax(int[] best, double[] score, int[] cut, int from, int to, double gain) {
        int segments = best[from] + 1;
        double s = score[from] + gain;
        if (segments < best[to] || (segments == best[to] && s > score[to])) {
            best[to] = segments;
            score[to] = s;
            cut[to] = from;
        }
    }

    /** Toneless pinyin of the text with syllables separated by spaces; other characters kept as they are. */
    public String toPinyin(String text) {
        String[] syl = syllablesOf(text);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < syl.length; i++) {
            if (syl[i] != null) {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') {
                    sb.append(' ');
                }
                sb.append(syl[i]).append(' ');
            } else {
                sb.append(text.charAt(i));
            }
        }
        return sb.toString().strip();
    }
}
