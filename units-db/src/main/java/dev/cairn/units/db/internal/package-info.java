/**
 * The SQLite unit's implementation (measurements pending).
 */
package dev.cairn.units.db.internal;
