/** Tests of the comparison harness's own checks. */
package dev.cairn.bench.compare;
