/**
 * Install profiles: which units back up which paths of an install, with which options, into which
 * repository. {@link dev.cairn.engine.profile.ProfileReader} parses the JSON document (schema
 * {@code schemas/install-profile.schema.json}) and names the file and field of every error;
 * {@link dev.cairn.engine.profile.ProfileSuggester} proposes a profile by scanning an install.
 */
package dev.cairn.engine.profile;
