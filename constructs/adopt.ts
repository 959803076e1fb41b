import { TerraformProvider, TerraformResource } from "cdktn";

/**
 * Adopts an object that already exists on the nodes (a Terraform `import`
 * block): the same output as `resource.importFrom(id, provider)`, without the
 * validation cdktn 0.24 attaches to every imported resource. That validation
 * runs `terraform version` in a child process at each synthesis, once per
 * imported resource — about 0.13 s each, so most of a 64-node synthesis, where
 * every node's vmbr0 is adopted — and makes synthesis fail on machines without
 * Terraform. Measured in docs/performance.md.
 */
export function adoptExisting(resource: TerraformResource, id: string, provider?: TerraformProvider): void {
  const node = resource.node;
  // Shadow addValidation on this one node while importFrom runs, then remove the shadow.
  Object.defineProperty(node, "addValidation", { value: () => undefined, configurable: true });
  try {
    resource.importFrom(id, provider);
  } finally {
    Reflect.deleteProperty(node, "addValidation");
  }
}
