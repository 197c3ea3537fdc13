/**
 * An example third-party Cairn plugin: a backup unit for UTF-8 text notes, compiled against the
 * framework API only and shipped as its own jar. Dropped into an install's {@code plugins/}
 * directory, it is loaded into a child module layer of its own.
 *
 * <p>Third parties name their modules after their own domain: this one is {@code com.example.hello},
 * not {@code dev.cairn.*}, which is Cairn's. Like every provider module it exports nothing; its
 * implementation lives in {@code com.example.hello.internal}.
 *
 * @provides dev.cairn.framework.unit.BackupUnit the {@code hello} unit
 */
module com.example.hello {
    requires dev.cairn.framework;

    provides dev.cairn.framework.unit.BackupUnit with com.example.hello.internal.HelloUnit;
}
