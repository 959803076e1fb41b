// Terraform JSON conformance: the provider schema, the checker, and loading synthesized files.
export type { ConformanceReport, Problem, ProblemSeverity } from "./conformance";
export { checkTerraformConfig, checkTerraformJson, hasErrors } from "./conformance";
export type { AttributeSchema, BlockSchema, NestedAttributeType, NestedBlockSchema } from "./provider-schema";
export {
  ProviderSchemaIndex,
  committedProviderSchema,
  committedSchemaPath,
  indexProviderSchema,
  loadProviderSchema,
} from "./provider-schema";
export type { LoadOptions, TerraformConfigFile } from "./config-files";
export { TerraformInputError, findTerraformJsonFiles, loadTerraformConfigs, readTerraformJson } from "./config-files";
export type { TfType } from "./types";
export { SchemaFormatError, isExpression, typeName } from "./types";
