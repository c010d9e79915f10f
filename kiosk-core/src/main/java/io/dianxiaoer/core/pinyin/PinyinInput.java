package io.dianxiaoer.core.pinyin;

import io.dianxiaoer.core.pinyin.PinyinDictionary.Entry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The state of the on-screen pinyin input method: letters typed so far and the Chinese already
 * chosen for part of them. Typing is incremental ({@code j → ju → juz → …}); at every step
 * {@link #candidates(int)} ranks words and characters from the same {@link PinyinDictionary} the
 * catalog search uses. Full pinyin ({@code juzhuzheng}), initials ({@code jzz}) and any mix
 * ({@code juzhz}, {@code jzzheng}) work; an apostrophe forces a syllable break ({@code xi'an}).
 *
 * <p>Choosing a candidate that covers only the first syllables keeps the rest of the letters for
 * the next choice, as desktop input methods do: {@code juzhuzheng} → choose 居住 → {@code zheng}
 * remains → choose 证 → {@link #isComplete()} with {@link #composed()} = 居住证.
 *
 * <p>Immutable: every operation returns a new state, so the keyboard's state can live in the
 * session reducer. Thread-safe. Candidates are computed on demand (well under a millisecond for
 * typical input; see docs/catalog-search.md for measured figures).
 */
public final class PinyinInput {

    /** Longest run of letters accepted: longer input is ignored rather than slowing the screen. */
    public static final int MAX_LETTERS = 40;
    private static final int MAX_SPLITS = 32;

    /**
     * A candidate: the Chinese {@code text}, the number of typed characters (letters and
     * apostrophes) it consumes, and whether it covers all letters typed.
     */
    public record Candidate(String text, int consumed, boolean complete, int frequency) {
        public Candidate {
            Objects.requireNonNull(text, "text");
        }
    }

    private final PinyinDictionary dictionary;
    private final String letters;
    private final List<String> chosenTexts;
    private final List<String> chosenLetters;

    private PinyinInput(PinyinDictionary dictionary, String letters, List<String> chosenTexts, List<String> chosenLetters) {
        this.dictionary = dictionary;
        this.letters = letters;
        this.chosenTexts = List.copyOf(chosenTexts);
        this.chosenLetters = List.copyOf(chosenLetters);
    }

    /** An empty input over the given dictionary. */
    public static PinyinInput start(PinyinDictionary dictionary) {
        return new PinyinInput(Objects.requireNonNull(dictionary, "dictionary"), "", List.of(), List.of());
    }

    /** An empty input over the bundled dictionary. */
    public static PinyinInput start() {
        return start(PinyinDictionary.standard());
    }

    /** Letters not yet turned into Chinese. */
    public String pending() {
        return letters;
    }

    /** The Chinese chosen so far in this composition. */
    public String composed() {
        return String.join("", chosenTexts);
    }

    /** Whether something was chosen and no letters are left: {@link #composed()} is ready to insert. */
    public boolean isComplete() {
        return letters.isEmpty() && !chosenTexts.isEmpty();
    }

    public boolean isEmpty() {
        return letters.isEmpty() && chosenTexts.isEmpty();
    }

    /**
     * Types a key: a letter (case ignored; {@code ü} counts as {@code v}) or an apostrophe as a
     * syllable break. Other characters, and letters beyond {@link #MAX_LETTERS}, leave the state
     * unchanged (the same instance).
     */
    public PinyinInput type(char key) {
        char c = Character.toLowerCase(key);
        if (c == 'ü') {
            c = 'v';
        }
        boolean letter = c >= 'a' && c <= 'z';
        boolean separator = c == '\'' && !letters.isEmpty() && !letters.endsWith("'");
        if ((!letter && !separator) || letters.length() >= MAX_LETTERS) {
            return this;
        }
        return new PinyinInput(dictionary, letters + c, chosenTexts, chosenLetters);
    }

    public PinyinInput type(CharSequence keys) {
        PinyinInput s = this;
        for (int i = 0; i < keys.length(); i++) {
            s = s.type(keys.charAt(i));
        }
        return s;
    }

    /** Deletes the last letter; with no letters left, takes back the last choice (its letters return). */
    public PinyinInput backspace() {
        if (!letters.isEmpty()) {
            return new PinyinInput(dictionary, letters.substring(0, letters.length() - 1), chosenTexts, chosenLetters);
        }
        if (chosenTexts.isEmpty()) {
            return this;
        }
        int last = chosenTexts.size() - 1;
        return new PinyinInput(dictionary, chosenLetters.get(last), chosenTexts.subList(0, last),
                chosenLetters.subList(0, last));
    }

    /** An empty input over the same dictionary. */
    public PinyinInput clear() {
        return start(dictionary);
    }

    /**
     * Takes a candidate: its text joins {@link #composed()}, the letters it covers are consumed.
     *
     * @throws IllegalArgumentException if the candidate consumes more than is typed
     */
    public PinyinInput choose(Candidate candidate) {
        if (candidate.consumed() <= 0 || candidate.consumed() > letters.length()) {
            throw new IllegalArgumentException("the candidate does not fit the letters typed");
        }
        List<String> texts = new ArrayList<>(chosenTexts);
        texts.add(candidate.text());
        List<String> used = new ArrayList<>(chosenLetters);
        int consumed = candidate.consumed();
        while (consumed < letters.length() && letters.charAt(consumed) == '\'') {
            consumed++;
        }
        used.add(letters.substring(0, consumed));
        return new PinyinInput(dictionary, letters.substring(consumed), texts, used);
    }

    /** What the screen shows while composing: chosen Chinese, then the letters split into syllables. */
    public String preedit() {
        List<List<Piece>> splits = splits();
        String rest = splits.isEmpty() ? letters : String.join(" ", splits.get(0).stream().map(Piece::text).toList());
        return composed() + rest;
    }

    /**
     * Up to {@code limit} candidates, best first: words and characters that cover all letters
     * typed (most common first), then those that cover the first syllables only (longest
     * coverage first). Empty when nothing is typed or nothing matches.
     */
    public List<Candidate> candidates(int limit) {
        if (letters.isEmpty() || limit <= 0) {
            return List.of();
        }
        List<List<Piece>> splits = splits();
        Map<String, Ranked> best = new LinkedHashMap<>();
        for (List<Piece> split : splits) {
            int n = split.size();
            for (int k = n; k >= 1; k--) {
                collect(split, k, limit, best);
            }
        }
        List<Ranked> ranked = new ArrayList<>(best.values());
        ranked.sort(Comparator.naturalOrder());
        List<Candidate> out = new ArrayList<>(Math.min(limit, ranked.size()));
        for (Ranked r : ranked) {
            if (out.size() == limit) {
                break;
            }
            out.add(r.candidate);
        }
        return List.copyOf(out);
    }

    private void collect(List<Piece> split, int k, int limit, Map<String, Ranked> best) {
        StringBuilder key = new StringBuilder(k);
        for (int i = 0; i < k; i++) {
            key.append(split.get(i).text.charAt(0));
        }
        boolean coversAll = k == split.size();
        int consumed = split.get(k - 1).end;
        int found = 0;
        for (Entry e : dictionary.entriesByInitials(key.toString())) {
            int exactness = match(split, k, e);
            if (exactness < 0) {
                continue;
            }
            // rank: complete coverage first; among those, exact syllables before prefix matches
            // of the last syllable; otherwise longer coverage first; then frequency
            int tier = coversAll ? exactness : 2 + (MAX_LETTERS - k);
            Ranked r = new Ranked(new Candidate(e.text(), consumed, coversAll, e.frequency()), tier);
            Ranked old = best.get(e.text());
            if (old == null || r.compareTo(old) < 0) {
                best.put(e.text(), r);
            }
            if (exactness == 0 && ++found >= limit) {
                break; // entries are sorted by frequency: later ones rank lower than these
            }
        }
    }

    /** -1: no match; 0: every syllable exact (or a typed initial); 1: the last syllable only begun. */
    private int match(List<Piece> split, int k, Entry e) {
        int exactness = 0;
        boolean lastTyped = k == split.size();
        for (int i = 0; i < k; i++) {
            Piece p = split.get(i);
            String s = e.syllables().get(i);
            if (p.fullSyllable) {
                if (s.equals(p.text)) {
                    continue;
                }
                if (i == k - 1 && lastTyped && s.startsWith(p.text)) {
                    exactness = 1; // the citizen is still typing this syllable
                    continue;
                }
                return -1;
            }
            if (!s.startsWith(p.text)) {
                return -1;
            }
            if (i == k - 1 && lastTyped && p.text.length() > 1) {
                exactness = 1;
            }
        }
        return exactness;
    }

    private record Ranked(Candidate candidate, int tier) implements Comparable<Ranked> {
        @Override
        public int compareTo(Ranked o) {
            if (tier != o.tier) {
                return Integer.compare(tier, o.tier);
            }
            if (candidate.frequency() != o.candidate.frequency()) {
                return Integer.compare(o.candidate.frequency(), candidate.frequency());
            }
            return candidate.text().compareTo(o.candidate.text());
        }
    }

    /** A run of typed letters read as one syllable or the beginning of one. */
    private record Piece(String text, int start, int end, boolean fullSyllable) {
    }

    /**
     * Ways to read the letters as syllables and syllable beginnings: the fewest pieces first,
     * and splits with at most one piece more than the fewest (bounded), apostrophes honoured.
     */
    private List<List<Piece>> splits() {
        List<List<Piece>> combined = new ArrayList<>();
        combined.add(List.of());
        int start = 0;
        while (start < letters.length()) {
            int end = letters.indexOf('\'', start);
            if (end < 0) {
                end = letters.length();
            }
            if (end > start) {
                List<List<Piece>> chunk = chunkSplits(start, end);
                if (chunk.isEmpty()) {
                    return List.of(); // letters that begin no syllable at all
                }
                List<List<Piece>> next = new ArrayList<>();
                for (List<Piece> head : combined) {
                    for (List<Piece> tail : chunk) {
                        if (next.size() >= MAX_SPLITS) {
                            break;
                        }
                        List<Piece> joined = new ArrayList<>(head);
                        joined.addAll(tail);
                        next.add(joined);
                    }
                }
                combined = next;
            }
            start = end + 1;
        }
        return combined;
    }

    private List<List<Piece>> chunkSplits(int from, int to) {
        int n = to - from;
        // fewest[i]: fewest pieces that cover letters[from + i, to)
        int[] fewest = new int[n + 1];
        fewest[n] = 0;
        for (int i = n - 1; i >= 0; i--) {
            fewest[i] = Integer.MAX_VALUE;
            for (int j = Math.min(n, i + 6); j > i; j--) {
                if (fewest[j] != Integer.MAX_VALUE && dictionary.isSyllablePrefix(letters.substring(from + i, from + j))) {
                    fewest[i] = Math.min(fewest[i], fewest[j] + 1);
                }
            }
        }
        if (fewest[0] == Integer.MAX_VALUE) {
            return List.of();
        }
        List<List<Piece>> out = new ArrayList<>();
        enumerate(from, to, 0, fewest[0] + 1, fewest, new ArrayList<>(), out);
        // the reading with fewest pieces, and full syllables rather than fragments, first
        out.sort(Comparator.<List<Piece>>comparingInt(List::size)
                .thenComparingLong(s -> s.stream().filter(p -> !p.fullSyllable).count()));
        return out;
    }

    private void enumerate(int from, int to, int i, int budget, int[] fewest, List<Piece> acc, List<List<Piece>> out) {
        int n = to - from;
        if (out.size() >= MAX_SPLITS) {
            return;
        }
        if (i == n) {
            out.add(List.copyOf(acc));
            return;
        }
        for (int j = Math.min(n, i + 6); j > i; j--) {
            if (fewest[j] == Integer.MAX_VALUE || acc.size() + 1 + fewest[j] > budget) {
                continue;
            }
            String t = letters.substring(from + i, from + j);
            if (!dictionary.isSyllablePrefix(t)) {
                continue;
            }
            acc.add(new Piece(t, from + i, from + j, dictionary.isSyllable(t)));
            enumerate(from, to, j, budget, fewest, acc, out);
            acc.remove(acc.size() - 1);
        }
    }

    @Override
    public String toString() {
        // what was typed is not personal data by itself, but the composed text may be (a name)
        return "PinyinInput[" + letters.length() + " letters, " + chosenTexts.size() + " chosen]";
    }
}
