import { JsonObject, isAbsent, valueAt } from "./json";

/**
 * Attributes whose change makes Terraform replace the resource instead of
 * updating it, for the resource types pvecdk synthesizes. Only `pvecdk diff`
 * needs this table: a real plan names them itself (`replace_paths`).
 *
 * Read from the bpg/terraform-provider-proxmox source at tag v0.111.1
 * (commit b22fe919fc34476b232191b69c8907f0c1aa5bea):
 * - SDK resources: `ForceNew: true` in the schema, and `customdiff.ForceNewIf` /
 *   `d.ForceNew` in `CustomizeDiff`;
 * - plugin-framework resources: `stringplanmodifier.RequiresReplace()` (and the
 *   int64/bool variants) in the attribute's plan modifiers.
 * A ForceNew list block (SDK) replaces only when blocks are added or removed;
 * changes inside it follow the nested attributes' own flags.
 *
 * Patterns are object keys joined by dots, list indexes left out: `disk.file_id`
 * matches `disk[0].file_id`, `disk[3].file_id` (and `disk.file_id` in
 * synthesized JSON, where single blocks are written as objects).
 */
export interface ForceNewRule {
  readonly pattern: string;
  /** Extra condition from the provider's CustomizeDiff; absent means "whenever the value changes". */
  readonly when?: (before: JsonObject, after: JsonObject) => boolean;
  /** Why, in a few words, when the rule is conditional. */
  readonly note?: string;
  /** The rule is about blocks being added or removed, so the whole block is what forces the replacement. */
  readonly wholeBlock?: boolean;
}

const changedToOtherValue =
  (...keys: string[]) =>
  (before: JsonObject, after: JsonObject): boolean => {
    const b = valueAt(before, ...keys);
    const a = valueAt(after, ...keys);
    return !isAbsent(b) && !isAbsent(a) && b !== a;
  };

const blockCountChanges =
  (key: string) =>
  (before: JsonObject, after: JsonObject): boolean =>
    blockCount(before[key]) !== blockCount(after[key]);

function blockCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return isAbsent(value) ? 0 : 1;
}

/** `node_name` of the SDK VM: replaced unless `migrate` is true (vm.go, CustomizeDiff ForceNewIf(mkNodeName)). */
const nodeChangeWithoutMigrate = (_before: JsonObject, after: JsonObject): boolean => after.migrate !== true;

/** Container root disk: shrinking is impossible, so it forces a new container (container.go CustomizeDiff ForceNewIf(mkDisk)). */
function containerDiskShrinks(before: JsonObject, after: JsonObject): boolean {
  const b = Array.isArray(before.disk) ? before.disk : [before.disk];
  const a = Array.isArray(after.disk) ? after.disk : [after.disk];
  for (let i = 0; i < Math.min(b.length, a.length); i++) {
    const oldSize = Number(valueAt(b[i], "size") ?? 4);
    const newSize = Number(valueAt(a[i], "size") ?? 4);
    if (oldSize > newSize) return true;
  }
  return false;
}

// proxmoxtf/resource/vm/vm.go and vm/disk/schema.go
const SDK_VM: readonly ForceNewRule[] = [
  { pattern: "vm_id", when: changedToOtherValue("vm_id"), note: "a new VMID" },
  { pattern: "node_name", when: nodeChangeWithoutMigrate, note: "another node while migrate is false" },
  { pattern: "amd_sev", when: blockCountChanges("amd_sev"), note: "AMD SEV added or removed", wholeBlock: true },
  { pattern: "clone.retries" },
  { pattern: "clone.datastore_id" },
  { pattern: "clone.node_name" },
  { pattern: "clone.vm_id" },
  { pattern: "clone.full" },
  { pattern: "initialization.user_data_file_id" },
  { pattern: "initialization.vendor_data_file_id" },
  { pattern: "initialization.network_data_file_id" },
  { pattern: "initialization.meta_data_file_id" },
  { pattern: "initialization.type" },
  { pattern: "disk.file_id" },
  { pattern: "efi_disk.type", when: changedToOtherValue("efi_disk", "type"), note: "a different EFI disk type" },
  { pattern: "tpm_state.version", when: changedToOtherValue("tpm_state", "version"), note: "a different TPM version" },
];

// fwprovider/nodes/vm/resource_schema.go (the plugin-framework VM, `proxmox_vm` / `_vm2`)
const FRAMEWORK_VM: readonly ForceNewRule[] = [{ pattern: "id" }, { pattern: "template" }];

// fwprovider/nodes/clonedvm/schema.go
const CLONED_VM: readonly ForceNewRule[] = [
  { pattern: "id" },
  { pattern: "node_name" },
  ...["source_vm_id", "source_node_name", "full", "target_datastore", "target_format", "snapshot_name", "pool_id", "retries", "bandwidth_limit"].map(
    (key) => ({ pattern: `clone.${key}` }),
  ),
];

// proxmoxtf/resource/container/container.go
const CONTAINER: readonly ForceNewRule[] = [
  { pattern: "vm_id", when: changedToOtherValue("vm_id"), note: "a new VMID" },
  { pattern: "node_name" },
  { pattern: "pool_id" },
  { pattern: "template" },
  { pattern: "unprivileged" },
  { pattern: "clone.datastore_id" },
  { pattern: "clone.node_name" },
  { pattern: "clone.full" },
  { pattern: "clone.vm_id" },
  { pattern: "disk.datastore_id" },
  { pattern: "disk.size", when: containerDiskShrinks, note: "a smaller root disk" },
  {
    pattern: "initialization.user_account",
    when: (b, a) => blockCount(valueAt(b, "initialization", "user_account")) !== blockCount(valueAt(a, "initialization", "user_account")),
    note: "a user account added or removed",
    wholeBlock: true,
  },
  { pattern: "initialization.user_account.keys" },
  { pattern: "initialization.user_account.password" },
  { pattern: "mount_point", when: blockCountChanges("mount_point"), note: "mount points added or removed", wholeBlock: true },
  { pattern: "mount_point.size" },
  { pattern: "mount_point.volume" },
  { pattern: "operating_system", when: blockCountChanges("operating_system"), note: "the operating_system block added or removed", wholeBlock: true },
  { pattern: "operating_system.template_file_id" },
];

// fwprovider/nodes/ceph/pool/resource.go
const CEPH_POOL: readonly ForceNewRule[] = [
  { pattern: "name" },
  { pattern: "node_name" },
  { pattern: "erasure_coding" },
  { pattern: "add_storages" },
];

// fwprovider/storage/schema_factory.go (`id`, every storage type) and resource_<type>.go
const STORAGE_COMMON: readonly ForceNewRule[] = [{ pattern: "id" }];
const STORAGE: Readonly<Record<string, readonly ForceNewRule[]>> = {
  directory: [{ pattern: "path" }],
  lvm: [{ pattern: "volume_group" }],
  lvmthin: [{ pattern: "volume_group" }, { pattern: "thin_pool" }],
  zfspool: [{ pattern: "zfs_pool" }],
  nfs: [{ pattern: "server" }, { pattern: "export" }, { pattern: "preallocation" }, { pattern: "snapshot_as_volume_chain" }],
  cifs: ["server", "username", "password", "share", "domain", "subdirectory", "snapshot_as_volume_chain"].map((pattern) => ({ pattern })),
  pbs: ["server", "datastore", "username", "password", "namespace", "encryption_key", "generate_encryption_key"].map((pattern) => ({ pattern })),
};

// fwprovider/nodes/network/resource_linux_{bridge,bond,vlan}.go: only the interface name.
const NETWORK_INTERFACE: readonly ForceNewRule[] = [{ pattern: "name" }];

// fwprovider/cluster/ha/resource_harule.go (HA resources and groups update in place)
const HA_RULE: readonly ForceNewRule[] = [{ pattern: "rule" }, { pattern: "type" }];

// fwprovider/nodes/resource_download_file.go (`size` also replaces when the remote file changes; not inferable here)
const DOWNLOAD_FILE: readonly ForceNewRule[] = [
  "content_type",
  "file_name",
  "datastore_id",
  "node_name",
  "url",
  "checksum",
  "checksum_algorithm",
  "decompression_algorithm",
].map((pattern) => ({ pattern }));

// proxmoxtf/resource/file.go
const FILE: readonly ForceNewRule[] = [
  "content_type",
  "datastore_id",
  "file_modification_date",
  "file_mode",
  "file_size",
  "file_tag",
  "node_name",
  "source_file",
  "source_raw",
].map((pattern) => ({ pattern }));

// Terraform's built-in terraform_data: `triggers_replace` replaces, `input` updates in place.
const TERRAFORM_DATA: readonly ForceNewRule[] = [{ pattern: "triggers_replace" }];

const TABLE: ReadonlyMap<string, readonly ForceNewRule[]> = new Map<string, readonly ForceNewRule[]>([
  ["proxmox_virtual_environment_vm", SDK_VM],
  ["proxmox_vm", FRAMEWORK_VM],
  ["proxmox_virtual_environment_vm2", FRAMEWORK_VM],
  ["proxmox_cloned_vm", CLONED_VM],
  ["proxmox_virtual_environment_cloned_vm", CLONED_VM],
  ["proxmox_virtual_environment_container", CONTAINER],
  ["proxmox_ceph_pool", CEPH_POOL],
  ["proxmox_harule", HA_RULE],
  ["proxmox_virtual_environment_harule", HA_RULE],
  ["proxmox_download_file", DOWNLOAD_FILE],
  ["proxmox_virtual_environment_download_file", DOWNLOAD_FILE],
  ["proxmox_virtual_environment_file", FILE],
  ["terraform_data", TERRAFORM_DATA],
  // Bonds exist only under the short name.
  ["proxmox_network_linux_bond", NETWORK_INTERFACE],
  ...["bridge", "vlan"].flatMap((kind): [string, readonly ForceNewRule[]][] => [
    [`proxmox_network_linux_${kind}`, NETWORK_INTERFACE],
    [`proxmox_virtual_environment_network_linux_${kind}`, NETWORK_INTERFACE],
  ]),
  ...Object.entries(STORAGE).flatMap(([kind, rules]): [string, readonly ForceNewRule[]][] => [
    [`proxmox_storage_${kind}`, [...STORAGE_COMMON, ...rules]],
    [`proxmox_virtual_environment_storage_${kind}`, [...STORAGE_COMMON, ...rules]],
  ]),
]);

/** The known force-new rules of a resource type (empty when pvecdk knows none). */
export function forceNewRules(type: string): readonly ForceNewRule[] {
  return TABLE.get(type) ?? [];
}

/** Resource types the table covers. */
export function forceNewTypes(): string[] {
  return [...TABLE.keys()].sort();
}

/**
 * The rule that makes a change of `keys` (a dotted key path, indexes dropped)
 * force a replacement, if any.
 */
export function forceNewRuleFor(
  type: string,
  keys: string,
  before: JsonObject,
  after: JsonObject,
): ForceNewRule | undefined {
  for (const rule of forceNewRules(type)) {
    const within = keys === rule.pattern || keys.startsWith(rule.pattern + ".");
    if (within && (rule.when === undefined || rule.when(before, after))) return rule;
  }
  return undefined;
}
