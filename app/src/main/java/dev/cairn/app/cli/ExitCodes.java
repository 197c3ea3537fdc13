package dev.cairn.app.cli;

import dev.cairn.framework.CairnException;

/**
 * The documented exit codes of {@code cairn} (docs/CLI.md). Scripts may rely on them.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><th>Code</th><th>Meaning</th></tr>
 *   <tr><td>0</td><td>success</td></tr>
 *   <tr><td>1</td><td>unexpected error (a bug)</td></tr>
 *   <tr><td>2</td><td>bad command-line use</td></tr>
 *   <tr><td>3</td><td>partly done: a backup with files or units that could not be backed up, or a {@code restore --skip-damaged} that left out files whose stored data is damaged (see the issues)</td></tr>
 *   <tr><td>10</td><td>not found: repository, snapshot, profile or file</td></tr>
 *   <tr><td>11</td><td>the repository is locked by another operation</td></tr>
 *   <tr><td>12</td><td>wrong or missing passphrase</td></tr>
 *   <tr><td>13</td><td>the repository or audit trail is damaged / verify found problems</td></tr>
 *   <tr><td>14</td><td>a restored unit failed its smoke test; nothing was changed</td></tr>
 *   <tr><td>15</td><td>invalid configuration (install profile, policy, options)</td></tr>
 *   <tr><td>16</td><td>an I/O error (disk full, permission denied)</td></tr>
 *   <tr><td>17</td><td>out of memory: the Java heap limit is too small for this work (CAIRN_JAVA_OPTS=-Xmx...)</td></tr>
 *   <tr><td>130</td><td>cancelled (Ctrl-C; 143 for SIGTERM): a backup or a restore stops cleanly first ({@link Interruption})</td></tr>
 * </table>
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int PARTIAL = 3;
    public static final int NOT_FOUND = 10;
    public static final int LOCKED = 11;
    public static final int AUTH = 12;
    public static final int CORRUPT = 13;
    public static final int SMOKE_TEST = 14;
    public static final int CONFIG = 15;
    public static final int IO = 16;
    /** Out of Java heap; the message names the limit and how to raise it. */
    public static final int OUT_OF_MEMORY = 17;
    public static final int CANCELLED = 130;

    private ExitCodes() {
    }

    /** {@return the exit code for an error of {@code kind}} */
    public static int of(CairnException.Kind kind) {
        return switch (kind) {
            case USAGE -> USAGE;
            case CONFIG -> CONFIG;
            case NOT_FOUND -> NOT_FOUND;
            case LOCKED -> LOCKED;
            case AUTH -> AUTH;
            case CORRUPT -> CORRUPT;
            case IO -> IO;
            case SMOKE_TEST -> SMOKE_TEST;
            case CANCELLED -> CANCELLED;
            case INTERNAL -> INTERNAL;
        };
    }
}
