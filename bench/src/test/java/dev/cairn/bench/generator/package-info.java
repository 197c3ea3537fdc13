/** Tests of the install generator. */
package dev.cairn.bench.generator;
