/**
 * Build-time tools. {@link dev.cairn.buildtools.ClassFileUpgrade} rewrites the class files of a
 * dependency compiled for Java 5 (picocli) to the Java 8 class-file format, so that the JVM's
 * ahead-of-time cache can hold them: the cache leaves out classes older than format 50, which are
 * then read, parsed and verified from the jar on every start (docs/PERFORMANCE.md, launcher settings).
 */
package dev.cairn.buildtools;
