/** Engine-wide facts, such as the {@link dev.cairn.engine.EngineVersion}. */
package dev.cairn.engine;
