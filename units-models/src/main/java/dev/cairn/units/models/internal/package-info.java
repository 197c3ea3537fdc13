/**
 * The {@code models} unit. {@link dev.cairn.units.models.internal.ModelsUnit} streams its paths with
 * {@link dev.cairn.framework.unit.FileTreeSupport}; {@link dev.cairn.units.models.internal.LayoutOption}
 * reads the {@code layout} option; {@link dev.cairn.units.models.internal.WeightLayouts} decides each
 * file's layout from {@link dev.cairn.units.models.internal.SafetensorsHeader},
 * {@link dev.cairn.units.models.internal.GgufHeader} or the name of a raw dump;
 * {@link dev.cairn.units.models.internal.ModelSuggestions} picks model files and directories for
 * {@code cairn init}.
 */
package dev.cairn.units.models.internal;
