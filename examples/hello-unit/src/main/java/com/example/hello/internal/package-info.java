/**
 * The {@code hello} unit: {@link com.example.hello.internal.HelloUnit} backs up the text notes its
 * configured paths name, {@link com.example.hello.internal.NoteFinder} resolves those paths and globs
 * inside the install root, and {@link com.example.hello.internal.Utf8Check} is the restore smoke test's
 * strict UTF-8 check.
 */
package com.example.hello.internal;
