package dev.cairn.bench.compare;

/** The metered operations of one comparison run, in the order they run. */
public enum Operation {
    /** The first backup into an empty repository. */
    FIRST("first backup"),
    /** A second backup with nothing changed. */
    NO_CHANGE("no-change backup"),
    /** A backup after one day of changes. */
    AFTER_MUTATION("backup after mutation"),
    /** A full restore of the latest snapshot into an empty directory. */
    RESTORE("full restore");

    private final String label;

    Operation(String label) {
        this.label = label;
    }

    /** {@return how the report names it} */
    public String label() {
        return label;
    }
}
