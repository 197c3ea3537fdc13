package dev.cairn.app.cli;

import dev.cairn.framework.CairnException;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Finds the passphrase the way restic users expect: a file, the environment, then a prompt. */
final class Passphrases {

    private Passphrases() {
    }

    /**
     * {@return the passphrase, or {@code null} when none is available and no terminal can be asked}
     *
     * @param fallbackFile a generated passphrase file for the default repository, or {@code null}
     */
    static char[] find(Path passwordFile, Path fallbackFile, String prompt) {
        Path file = passwordFile;
        if (file == null && System.getenv("CAIRN_PASSWORD_FILE") != null) {
            file = Path.of(System.getenv("CAIRN_PASSWORD_FILE"));
        }
        if (file != null) {
            return read(file);
        }
        String env = System.getenv("CAIRN_PASSWORD");
        if (env != null) {
            return env.toCharArray();
        }
        if (fallbackFile != null && Files.exists(fallbackFile)) {
            return read(fallbackFile);
        }
        Console console = System.console();
        if (console != null && prompt != null) {
            return console.readPassword("%s", prompt);
        }
        return null;
    }

    /** {@return a new passphrase for a repository being created, asked twice on a terminal} */
    static char[] forNewRepository(Path passwordFile) {
        char[] found = find(passwordFile, null, null);
        if (found != null) {
            return found;
        }
        Console console = System.console();
        if (console == null) {
            return null;
        }
        char[] first = console.readPassword("new passphrase: ");
        char[] second = console.readPassword("repeat passphrase: ");
        if (!java.util.Arrays.equals(first, second)) {
            throw new CairnException(CairnException.Kind.USAGE, "the passphrases do not match");
        }
        return first;
    }

    /** Generates a random passphrase into {@code file} (mode 0600) and returns it. */
    static char[] generate(Path file) {
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        String pass = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        try {
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, pass + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new CairnException(CairnException.Kind.IO, "cannot write " + file + ": " + e.getMessage(), e);
        }
        return pass.toCharArray();
    }

    /** {@return the passphrase on the first line of {@code file}} */
    static char[] read(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            int end = s.indexOf('\n');
            String line = end >= 0 ? s.substring(0, end) : s;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            return line.toCharArray();
        } catch (NoSuchFileException e) {
            throw new CairnException(CairnException.Kind.NOT_FOUND, "password file " + file + " does not exist");
        } catch (IOException e) {
            throw new CairnException(CairnException.Kind.IO, "cannot read password file " + file + ": " + e.getMessage(), e);
        }
    }
}
