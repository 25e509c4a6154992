/**
 * Template loading: legacy JSON and HCL2 configurations into core's
 * LoadedConfig, Go-template interpolation, sensitive-value masking, inspect
 * data and diagnostics rendering.
 */
export * from '../diagnostics/index.js';
export {
  CONSOLE_INPUT,
  type ConsoleEvaluator,
  type ConsoleOptions,
  type ConsoleResult,
  consoleEvaluator,
} from './console/index.js';
export { UNKNOWN_VALUE } from './hcl/config/body-eval.js';
export { parseHclJson } from './hcl/config/json-body.js';
export { loadHclConfig } from './hcl/config/load-hcl.js';
export { satisfiesConstraint, toSemverRange } from './hcl/config/packer-block.js';
export { type FormatResult, formatHcl, formatHclFile } from './hcl/fmt/index.js';
export { type HclParseResult, initHclParser, parseHcl } from './hcl/syntax/parse.js';
export { KNOWN_PLUGINS, type KnownPlugin, knownPluginFor } from './known-plugins.js';
export {
  type GoTemplateContext,
  GoTemplateError,
  type GoTemplateFunc,
  renderGoTemplate,
  renderTemplateFields,
} from './legacy/gotemplate/evaluate.js';
export { type LegacyFunctionInput, legacyFunctions } from './legacy/gotemplate/functions.js';
export { loadLegacyTemplate } from './legacy/load-legacy.js';
export { filterBuildNames } from './load/filter-builds.js';
export { type InspectOptions, inspectText } from './load/inspect.js';
export { detectFormat, loadConfig, TEMPLATE_LANGUAGE_VERSION } from './load/load-config.js';
export { type DescribeAvailable, dedupeDiagnostics } from './load/schema-check.js';
export { maskSensitive, processSensitiveValues, SensitiveValues } from './load/sensitive.js';
export { type RetiredComponent, retiredComponent } from './retired-components.js';
export {
  goLayoutToFormatdate,
  type UpgradeInput,
  type UpgradeResult,
  upgradeTemplate,
} from './upgrade/index.js';
