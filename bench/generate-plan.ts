/**
 * A synthetic `terraform show -json` plan of any size, for the review
 * benchmark: the resources of a big split-network cluster (VMs cloned from one
 * template, HA resources, node VLANs, bootstrap steps) with a realistic mix of
 * actions — mostly in-place updates, some creates, replacements (a changed
 * vm_id), deletions and no-ops — full before/after objects shaped like
 * bpg/proxmox 0.111.1 state, sensitive and unknown markers, and the
 * planned_values and prior_state sections a real plan carries (so parsing
 * costs what it would). The `configuration` section is left out: the review
 * never reads it.
 */

export interface GeneratedPlanSize {
  /** Entries in resource_changes. */
  readonly changes: number;
  /** Nodes the VMs are spread over. @default 64 */
  readonly nodes?: number;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Change {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  readonly actions: string[];
  readonly before: JsonObject | null;
  readonly after: JsonObject | null;
  readonly afterUnknown: JsonObject;
  readonly sensitive: JsonObject;
  readonly replacePaths?: string[][];
}

const PROXMOX = "registry.terraform.io/bpg/proxmox";
const BUILTIN = "terraform.io/builtin/terraform";

function mac(i: number): string {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, "0");
  return `BC:24:11:${hex((i >> 16) & 255)}:${hex((i >> 8) & 255)}:${hex(i & 255)}`;
}

function vmState(i: number, nodes: number, overrides: { memory?: number; cores?: number; vmid?: number } = {}): JsonObject {
  const vmid = overrides.vmid ?? 1000 + i;
  const host = i + 10;
  return {
    id: String(vmid),
    name: `vm${i + 1}`,
    node_name: `pve${(i % nodes) + 1}`,
    vm_id: vmid,
    template: false,
    started: true,
    on_boot: false,
    migrate: true,
    tags: ["bench", `team-${i % 7}`],
    description: null,
    acpi: true,
    bios: "seabios",
    keyboard_layout: "en-us",
    kvm_arguments: "",
    machine: "",
    protection: false,
    reboot: false,
    scsi_hardware: "virtio-scsi-single",
    stop_on_destroy: false,
    tablet_device: true,
    timeout_clone: 1800,
    timeout_create: 1800,
    timeout_migrate: 1800,
    timeout_shutdown_vm: 1800,
    timeout_start_vm: 1800,
    timeout_stop_vm: 300,
    agent: [{ enabled: true, timeout: "15m", trim: false, type: "virtio" }],
    clone: [{ datastore_id: "", full: true, node_name: "pve1", retries: 1, vm_id: 900 }],
    cpu: [{ affinity: "", architecture: "", cores: overrides.cores ?? 2, flags: [], hotplugged: 0, limit: 0, numa: false, sockets: 1, type: "host", units: 1024 }],
    memory: [{ dedicated: overrides.memory ?? 2048, floating: 0, hugepages: "", keep_hugepages: false, shared: 0 }],
    disk: [
      {
        aio: "io_uring",
        backup: true,
        cache: "none",
        datastore_id: "ceph-vm",
        discard: "on",
        file_format: "raw",
        file_id: "",
        import_from: "",
        interface: "scsi0",
        iothread: true,
        path_in_datastore: `vm-${vmid}-disk-0`,
        replicate: true,
        serial: "",
        size: 20,
        ssd: false,
      },
    ],
    initialization: [
      {
        datastore_id: "ceph-vm",
        interface: "ide2",
        dns: [],
        ip_config: [{ ipv4: [{ address: `10.100.${Math.floor(host / 250)}.${(host % 250) + 1}/16`, gateway: "10.100.0.1" }], ipv6: [] }],
        user_account: [{ keys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBenchmarkKeyOnlyForTheSyntheticPlan ops@bench"], password: "", username: "ops" }],
        user_data_file_id: "",
      },
    ],
    network_device: [
      { bridge: "vmbr0", disconnected: false, enabled: true, firewall: true, mac_address: mac(i), model: "virtio", mtu: 0, queues: 0, rate_limit: 0, trunks: "", vlan_id: 0 },
    ],
    operating_system: [{ type: "l26" }],
    ipv4_addresses: [["127.0.0.1"], [`10.100.${Math.floor(host / 250)}.${(host % 250) + 1}`]],
    ipv6_addresses: [["::1"], []],
    mac_addresses: ["00:00:00:00:00:00", mac(i)],
    network_interface_names: ["lo", "eth0"],
  };
}

const VM_SENSITIVE: JsonObject = { initialization: [{ user_account: [{ password: true }] }] };
const VM_UNKNOWN_ON_CREATE: JsonObject = { id: true, ipv4_addresses: true, ipv6_addresses: true, mac_addresses: true, network_interface_names: true };

function stepState(kind: string, node: string, extra: JsonObject): JsonObject {
  const input: JsonObject = { node, pvecdk_step: kind, ...extra };
  return { id: `00000000-0000-4000-8000-${node.replace(/\D/g, "").padStart(12, "0")}`, input, output: input, triggers_replace: input };
}

/** The i-th resource change: VMs most of the time, the rest spread over HA, network and step resources. */
function change(i: number, nodes: number): Change {
  const slot = i % 100;
  const node = `pve${(i % nodes) + 1}`;
  if (slot < 8) {
    const before = { id: `vm:${1000 + i}`, resource_id: `vm:${1000 + i}`, state: "started", max_restart: 1, max_relocate: 1, comment: null, group: null };
    const actions = slot < 6 ? ["create"] : ["update"];
    const after = { ...before, max_relocate: slot < 6 ? 1 : 2 };
    return { address: `proxmox_haresource.ha_vm${i + 1}`, type: "proxmox_haresource", name: `ha_vm${i + 1}`, provider: PROXMOX, actions, before: actions[0] === "create" ? null : before, after, afterUnknown: actions[0] === "create" ? { id: true } : {}, sensitive: {} };
  }
  if (slot < 10) {
    const name = `${node}_eno2_${10 + (i % 4)}`;
    const before = { id: `${node}:eno2.${10 + (i % 4)}`, name: `eno2.${10 + (i % 4)}`, node_name: node, interface: "eno2", vlan: 10 + (i % 4), address: `10.2.${i % 250}.${(i % 200) + 1}/16`, autostart: true, mtu: 1500, comment: null };
    return { address: `proxmox_network_linux_vlan.${name}_${i}`, type: "proxmox_network_linux_vlan", name: `${name}_${i}`, provider: PROXMOX, actions: ["update"], before, after: { ...before, mtu: 9000 }, afterUnknown: {}, sensitive: {} };
  }
  if (slot < 12) {
    const before = stepState("ceph-osd", node, { device: `/dev/disk/by-id/nvme-${i}`, device_class: "nvme" });
    const after = stepState("ceph-osd", node, { device: `/dev/disk/by-id/nvme-${i}`, device_class: slot === 10 ? "ssd" : "nvme" });
    const replaced = slot === 10;
    return {
      address: `terraform_data.ceph_osd_${node}_${i}`,
      type: "terraform_data",
      name: `ceph_osd_${node}_${i}`,
      provider: BUILTIN,
      actions: replaced ? ["delete", "create"] : ["no-op"],
      before,
      after: replaced ? { input: after.input, triggers_replace: after.triggers_replace } : before,
      afterUnknown: replaced ? { id: true, output: true } : {},
      sensitive: {},
      replacePaths: replaced ? [["triggers_replace"]] : undefined,
    };
  }
  // VMs: 60 % resized in place, 15 % new, 5 % replaced (vm_id changed), 4 % deleted, the rest unchanged.
  const kind = slot < 72 ? "update" : slot < 87 ? "create" : slot < 92 ? "replace" : slot < 96 ? "delete" : "no-op";
  const before = vmState(i, nodes);
  const base = { address: `proxmox_virtual_environment_vm.vm_vm${i + 1}`, type: "proxmox_virtual_environment_vm", name: `vm_vm${i + 1}`, provider: PROXMOX, sensitive: VM_SENSITIVE };
  switch (kind) {
    case "update":
      return { ...base, actions: ["update"], before, after: vmState(i, nodes, { memory: 4096, cores: slot % 2 ? 4 : 2 }), afterUnknown: {} };
    case "create":
      return { ...base, actions: ["create"], before: null, after: vmState(i, nodes), afterUnknown: VM_UNKNOWN_ON_CREATE };
    case "replace":
      return { ...base, actions: ["delete", "create"], before, after: vmState(i, nodes, { vmid: 50000 + i }), afterUnknown: VM_UNKNOWN_ON_CREATE, replacePaths: [["vm_id"]] };
    case "delete":
      return { ...base, actions: ["delete"], before, after: null, afterUnknown: {} };
    default:
      return { ...base, actions: ["no-op"], before, after: before, afterUnknown: {} };
  }
}

/** A whole plan document, as `terraform show -json` writes it (minus `configuration`). */
export function generatePlan(size: GeneratedPlanSize): Record<string, unknown> {
  const nodes = size.nodes ?? 64;
  const changes = Array.from({ length: size.changes }, (_, i) => change(i, nodes));
  const planned = changes.filter((c) => c.after !== null);
  const prior = changes.filter((c) => c.before !== null);
  const resource = (c: Change, values: JsonObject) => ({
    address: c.address,
    mode: "managed",
    type: c.type,
    name: c.name,
    provider_name: c.provider,
    schema_version: 0,
    values,
    sensitive_values: c.sensitive,
  });
  return {
    format_version: "1.2",
    terraform_version: "1.11.4",
    planned_values: { root_module: { resources: planned.map((c) => resource(c, c.after as JsonObject)) } },
    resource_changes: changes.map((c) => ({
      address: c.address,
      mode: "managed",
      type: c.type,
      name: c.name,
      provider_name: c.provider,
      change: {
        actions: c.actions,
        before: c.before,
        after: c.after,
        after_unknown: c.afterUnknown,
        before_sensitive: c.before === null ? false : c.sensitive,
        after_sensitive: c.after === null ? false : c.sensitive,
        ...(c.replacePaths ? { replace_paths: c.replacePaths } : {}),
      },
      ...(c.replacePaths ? { action_reason: "replace_because_cannot_update" } : {}),
    })),
    prior_state: {
      format_version: "1.0",
      terraform_version: "1.11.4",
      values: { root_module: { resources: prior.map((c) => resource(c, c.before as JsonObject)) } },
    },
    timestamp: "2026-01-01T00:00:00Z",
    applyable: true,
    complete: true,
    errored: false,
  };
}
