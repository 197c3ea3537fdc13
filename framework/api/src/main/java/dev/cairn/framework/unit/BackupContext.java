package dev.cairn.framework.unit;

/** The context of {@link BackupUnit#backup}: a {@link UnitContext} plus the sink items go to. */
public interface BackupContext extends UnitContext {

    /** {@return where the unit streams its items} */
    ItemSink sink();
}
