/**
 * Types shared by every extension point: the exception root {@link dev.cairn.framework.CairnException},
 * recoverable {@link dev.cairn.framework.Issue}s, a plugin's {@link dev.cairn.framework.ConfigView},
 * {@link dev.cairn.framework.ProgressListener} and {@link dev.cairn.framework.Cancellation}.
 *
 * <p>Everything in this package and its sub-packages is non-null unless a parameter or return value
 * says otherwise.
 */
package dev.cairn.framework;
