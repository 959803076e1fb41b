// The public API of pvecdk. Generated provider bindings are never re-exported wholesale.
export { PVECDK_VERSION } from "./lib/version";
export { MinimalStack } from "./stacks/minimal-stack";
export * as bootstrap from "./lib/bootstrap";
export * from "./constructs";
export { ClusterStack, CLUSTER_CONSTRUCT_ID } from "./stacks/cluster-stack";
export { synthesize, synthesizeSpec, synthesizeJson, checkSpec } from "./lib/synth";
export type { SynthesisSummary } from "./lib/synth";
export {
  checkTerraformJson,
  checkTerraformConfig,
  committedProviderSchema,
  loadProviderSchema,
  loadTerraformConfigs,
  TerraformInputError,
} from "./lib/terraform";
export type { Problem, ConformanceReport, ProviderSchemaIndex } from "./lib/terraform";
export { loadSpecFile, loadSpecText, validateSpecValue, SpecError, CLUSTER_SCHEMA } from "./lib/spec";
export type { LoadedSpec, SpecProblem, SpecErrorKind, SourcePosition } from "./lib/spec";
export { formatFindingsReport, formatFindingsJson, findingsReportJson } from "./lib/cli/report";
export type { ReportOptions, FindingsReportJson } from "./lib/cli/report";
export { ClusterModel } from "./lib/model/model";
export type * from "./lib/model/spec-types";
export type { Finding, Severity } from "./lib/model/findings";
export { runRules, blockingFindings, ALL_RULES } from "./lib/rules";
export * as plan from "./lib/plan";
