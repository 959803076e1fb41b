// The spec front door: read a YAML/JSON cluster spec, validate it, point back into the file.
export { loadSpecFile, loadSpecText, validateSpecValue } from "./load";
export type { LoadedSpec } from "./load";
export { SpecError } from "./problems";
export type { SpecProblem, SpecErrorKind } from "./problems";
export type { SourcePosition } from "./positions";
export { CLUSTER_SCHEMA } from "./schema";
