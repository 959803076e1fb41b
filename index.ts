// The public API of pvecdk. Generated provider bindings are never re-exported wholesale.
export { PVECDK_VERSION } from "./lib/version";
export { MinimalStack } from "./stacks/minimal-stack";
export * as bootstrap from "./lib/bootstrap";
