/**
 * The bundled demo install: a small application directory (SQLite database, config files, logs,
 * uploads, a private key, a symlink) materialised on first use, so Cairn's main job runs with no
 * setup at all.
 */
package dev.cairn.app.demo;
