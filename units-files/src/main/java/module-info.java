/**
 * The {@code files} backup unit: generic files of an install (uploads, transcripts, certificates,
 * binaries) with their modes, symbolic links and empty directories, cut into chunks as the install
 * profile chooses ({@code chunking} option).
 *
 * @provides dev.cairn.framework.unit.BackupUnit the {@code files} unit
 */
module dev.cairn.units.files {
    requires dev.cairn.framework;

    provides dev.cairn.framework.unit.BackupUnit with dev.cairn.units.files.internal.FilesUnit;
}
