import * as fs from "fs";
import * as path from "path";
import { forceNewRuleFor, forceNewRules, forceNewTypes } from "../../lib/plan/force-new";
import { REPO } from "./helpers";

interface SchemaBlock {
  attributes?: Record<string, { nested_type?: { attributes: Record<string, unknown> } }>;
  block_types?: Record<string, { block: SchemaBlock }>;
}

const schema = JSON.parse(fs.readFileSync(path.join(REPO, "providers/bpg-proxmox/0.111.1.schema.json"), "utf8")) as {
  provider_schemas: Record<string, { resource_schemas: Record<string, { block: SchemaBlock }> }>;
};
const resources = Object.values(schema.provider_schemas)[0].resource_schemas;

/** Whether a dotted key path names an attribute or block of the resource's schema (nested blocks and nested attributes). */
function inSchema(block: SchemaBlock, keys: string[]): boolean {
  const [head, ...rest] = keys;
  const attribute = block.attributes?.[head];
  if (attribute) {
    if (rest.length === 0) return true;
    return attribute.nested_type ? inSchema({ attributes: attribute.nested_type.attributes as SchemaBlock["attributes"] }, rest) : false;
  }
  const nested = block.block_types?.[head];
  if (!nested) return false;
  return rest.length === 0 || inSchema(nested.block, rest);
}

describe("force-new table (bpg/proxmox 0.111.1)", () => {
  it("names only resource types and attributes that exist in the committed provider schema", () => {
    const stale: string[] = [];
    for (const type of forceNewTypes()) {
      if (type === "terraform_data") continue;
      const resource = resources[type];
      if (!resource) {
        stale.push(`${type} (no such resource type)`);
        continue;
      }
      for (const rule of forceNewRules(type)) if (!inSchema(resource.block, rule.pattern.split("."))) stale.push(`${type}: ${rule.pattern}`);
    }
    expect(stale).toEqual([]);
  });

  it("covers both spellings of the types that have two (proxmox_x and proxmox_virtual_environment_x)", () => {
    expect(forceNewRules("proxmox_storage_nfs")).toEqual(forceNewRules("proxmox_virtual_environment_storage_nfs"));
    expect(forceNewRules("proxmox_network_linux_vlan")).toEqual(forceNewRules("proxmox_virtual_environment_network_linux_vlan"));
  });

  it("knows the SDK VM (proxmox_virtual_environment_vm) and the framework VM (proxmox_vm) differ", () => {
    expect(forceNewRuleFor("proxmox_virtual_environment_vm", "disk.file_id", {}, {})).toBeDefined();
    expect(forceNewRuleFor("proxmox_vm", "disk.file_id", {}, {})).toBeUndefined();
    expect(forceNewRuleFor("proxmox_vm", "template", {}, {})).toBeDefined();
  });

  it("applies the provider's conditions", () => {
    const vm = "proxmox_virtual_environment_vm";
    expect(forceNewRuleFor(vm, "node_name", { node_name: "a" }, { node_name: "b", migrate: true })).toBeUndefined();
    expect(forceNewRuleFor(vm, "node_name", { node_name: "a" }, { node_name: "b" })).toBeDefined();
    // EFI disk type: only a change between two set types replaces; adding the disk does not.
    expect(forceNewRuleFor(vm, "efi_disk.type", {}, { efi_disk: [{ type: "4m" }] })).toBeUndefined();
    expect(forceNewRuleFor(vm, "efi_disk.type", { efi_disk: [{ type: "2m" }] }, { efi_disk: [{ type: "4m" }] })).toBeDefined();
    expect(forceNewRuleFor("terraform_data", "triggers_replace.link0", {}, {})).toBeDefined();
    expect(forceNewRuleFor("terraform_data", "input.link0", {}, {})).toBeUndefined();
  });
});
