package dev.cairn.arch;

import java.util.ArrayList;
import java.util.List;

/** A line diff of two small texts (a longest-common-subsequence walk), for golden-file failures. */
final class TextDiff {

    private TextDiff() {
    }

    /**
     * {@return {@code actual} against {@code expected}, one line each: {@code "  "} for a line in both,
     * {@code "- "} for a line only expected, {@code "+ "} for a line only actual}
     */
    static List<String> lines(List<String> expected, List<String> actual) {
        int n = expected.size();
        int m = actual.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = expected.get(i).equals(actual.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
                out.add("  " + expected.get(i++));
                j++;
            } else if (j == m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
                out.add("- " + expected.get(i++));
            } else {
                out.add("+ " + actual.get(j++));
            }
        }
        return out;
    }
}
