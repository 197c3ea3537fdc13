package dev.cairn.bench.compare;

import java.util.EnumMap;
import java.util.Map;

/** What one tool did in one run: the metered operations, repository sizes and the restore check. */
public final class ToolRun {

    private final Map<Operation, Measurement> measurements = new EnumMap<>(Operation.class);
    private long repoBytesAfterFirst = -1;
    private long repoBytesAfterMutation = -1;
    private long dbGrowthBytes = -1;
    private String restoreCheck = "not run";
    private String failure;

    /** Records a metered operation; a failed one also becomes this run's failure. */
    void record(Operation operation, Measurement measurement) {
        measurements.put(operation, measurement);
        if (!measurement.succeeded() && failure == null) {
            fail(operation.label() + " exited " + measurement.exitCode() + ": " + measurement.errorSummary());
        }
    }

    void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
    }

    void repoBytesAfterFirst(long bytes) {
        repoBytesAfterFirst = bytes;
    }

    void repoBytesAfterMutation(long bytes) {
        repoBytesAfterMutation = bytes;
    }

    void dbGrowthBytes(long bytes) {
        dbGrowthBytes = bytes;
    }

    void restoreCheck(String result) {
        restoreCheck = result;
        if (!"ok".equals(result)) {
            fail("restore check: " + result);
        }
    }

    /** {@return whether nothing failed so far} */
    public boolean ok() {
        return failure == null;
    }

    /** {@return the first failure, or {@code null}} */
    public String failure() {
        return failure;
    }

    /** {@return the measurement of a successful operation, or {@code null}} */
    public Measurement measurement(Operation operation) {
        Measurement m = measurements.get(operation);
        return m != null && m.succeeded() ? m : null;
    }

    /** {@return the repository size after the first backup, or -1} */
    public long repoBytesAfterFirst() {
        return repoBytesAfterFirst;
    }

    /** {@return the repository size after the backup after mutation, or -1} */
    public long repoBytesAfterMutation() {
        return repoBytesAfterMutation;
    }

    /** {@return the bytes the DB-only incremental backup added, or -1} */
    public long dbGrowthBytes() {
        return dbGrowthBytes;
    }

    /** {@return "ok", "not run", or what differed} */
    public String restoreCheck() {
        return restoreCheck;
    }
}
