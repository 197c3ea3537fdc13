/**
 * Test support for Cairn's JSON Schemas: {@link dev.cairn.schemas.SchemaValidator}, shipped in the
 * cairn-schemas test-jar for other modules' tests, and the tests that validate good and bad samples.
 */
package dev.cairn.schemas;
