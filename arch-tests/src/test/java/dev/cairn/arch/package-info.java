/**
 * Cairn's architecture tests. {@link dev.cairn.arch.CairnArchitectureRules} is the rule library
 * (network, framework purity, unit isolation, standard streams, package cycles, provider packages),
 * {@link dev.cairn.arch.CairnArchitectureTest} runs it over every built Cairn jar found by
 * {@link dev.cairn.arch.CairnArtifacts}, with guards against vacuous passes, and
 * {@link dev.cairn.arch.ModuleDescriptorGoldenTest} compares each jar's module descriptor with its
 * reviewed golden file. The {@code *CanFailTest} classes evaluate the rules against fixture classes to
 * show that they reject what they forbid.
 */
package dev.cairn.arch;
