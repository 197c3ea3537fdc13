package dev.cairn.bench.generator;

import java.util.SplittableRandom;

/**
 * Produces pseudo-English text from a seeded vocabulary with a skewed word frequency, so that the
 * text compresses about as well as real prose or logs (roughly 3-4x with zstd).
 */
public final class DeterministicText {

    private static final String[] SYLLABLES = {
        "ka", "lo", "mi", "ran", "te", "su", "vel", "or", "en", "dra", "qui", "pa", "na", "sto", "ri", "ge",
        "ba", "lu", "cor", "it", "am", "fe", "zo", "ne", "tra", "ho", "si", "mon", "de", "la", "pro", "un"};

    private final String[] words;
    private final SplittableRandom random;

    /** Creates a text source with a 4,096-word vocabulary derived from {@code seed}. */
    public DeterministicText(long seed) {
        SplittableRandom vocabularyRandom = new SplittableRandom(seed);
        words = new String[4096];
        for (int i = 0; i < words.length; i++) {
            int syllables = 1 + vocabularyRandom.nextInt(4);
            StringBuilder word = new StringBuilder();
            for (int s = 0; s < syllables; s++) {
                word.append(SYLLABLES[vocabularyRandom.nextInt(SYLLABLES.length)]);
            }
            words[i] = word.toString();
        }
        random = new SplittableRandom(seed * 31 + 7);
    }

    /** {@return the random stream this source draws from, for callers that mix text with numbers} */
    public SplittableRandom random() {
        return random;
    }

    /** {@return one word, frequent words far more likely than rare ones} */
    public String word() {
        double u = random.nextDouble();
        return words[(int) (words.length * u * u * u)];
    }

    /** Appends a sentence of {@code minWords}..{@code maxWords} words to {@code out}. */
    public void sentence(StringBuilder out, int minWords, int maxWords) {
        int n = minWords + random.nextInt(maxWords - minWords + 1);
        for (int i = 0; i < n; i++) {
            String w = word();
            if (i == 0) {
                out.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
            } else {
                out.append(' ').append(w);
            }
        }
        out.append('.');
    }

    /** {@return text of about {@code approxChars} characters, made of sentences} */
    public String paragraph(int approxChars) {
        StringBuilder out = new StringBuilder(approxChars + 64);
        while (out.length() < approxChars) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            sentence(out, 4, 18);
        }
        return out.toString();
    }

    /** {@return a lower-case hex string of {@code chars} characters} */
    public String hex(int chars) {
        StringBuilder out = new StringBuilder(chars);
        while (out.length() < chars) {
            out.append(Long.toHexString(random.nextLong() | Long.MIN_VALUE));
        }
        return out.substring(0, chars);
    }
}
