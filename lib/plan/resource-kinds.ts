import { Domain } from "./review-model";
import { JsonObject, stringAt } from "./json";

/**
 * What a resource type is in Proxmox terms. bpg/proxmox 0.111.1 offers most
 * types twice (`proxmox_virtual_environment_x` and the newer short `proxmox_x`);
 * both spellings map to the same kind.
 */
export type ResourceKind =
  | "vm"
  | "container"
  | "ceph-pool"
  | "storage"
  | "zfs-pool"
  | "network-interface"
  | "node-setting"
  | "ha-resource"
  | "ha-rule"
  | "ha-group"
  | "cluster-options"
  | "image"
  | "step"
  | "other";

const LONG_PREFIX = "proxmox_virtual_environment_";

const VM_TYPES = new Set([
  "proxmox_virtual_environment_vm",
  "proxmox_virtual_environment_vm2",
  "proxmox_vm",
  "proxmox_cloned_vm",
  "proxmox_virtual_environment_cloned_vm",
]);

export function resourceKind(type: string): ResourceKind {
  if (type === "terraform_data") return "step";
  if (VM_TYPES.has(type)) return "vm";
  if (!type.startsWith("proxmox_")) return "other";
  const short = type.startsWith(LONG_PREFIX) ? type.slice(LONG_PREFIX.length) : type.slice("proxmox_".length);
  if (short === "container") return "container";
  if (short === "ceph_pool") return "ceph-pool";
  if (short.startsWith("storage_")) return "storage";
  if (short === "node_disk_zfs") return "zfs-pool";
  if (short.startsWith("network_linux_")) return "network-interface";
  if (short === "dns" || short === "hosts" || short === "time" || short === "node_config") return "node-setting";
  if (short === "haresource") return "ha-resource";
  if (short === "harule") return "ha-rule";
  if (short === "hagroup") return "ha-group";
  if (short === "cluster_options") return "cluster-options";
  if (short === "download_file" || short === "file" || short === "oci_image") return "image";
  return "other";
}

/** The pvecdk bootstrap step kind recorded in a terraform_data `input` (constructs/ssh-step.ts). */
export function stepKind(values: JsonObject): string | undefined {
  return stringAt(values, "input", "pvecdk_step");
}

/** Step kinds by the part of the cluster they touch (lib/bootstrap/index.ts lists them all). */
export function stepDomain(step: string): Domain {
  if (step === "rbd-storage" || step.includes("storage")) return "storage";
  if (step.startsWith("ceph-")) return "ceph";
  if (step.startsWith("cluster-") || step.startsWith("qdevice") || step === "qnetd-install") return "cluster";
  return "other";
}

/** A terraform_data without a pvecdk step that still looks like it manages RBD storage (by name or input). */
export function looksLikeRbdStorage(address: string, values: JsonObject): boolean {
  if (/rbd/i.test(address)) return true;
  const input = values.input;
  if (input === undefined || input === null) return false;
  return /\brbd\b/i.test(JSON.stringify(input));
}

export function isTemplate(values: JsonObject): boolean {
  return values.template === true;
}

export function domainOf(kind: ResourceKind, address: string, values: JsonObject): Domain {
  switch (kind) {
    case "network-interface":
    case "node-setting":
      return "node-network";
    case "cluster-options":
      return "cluster";
    case "ceph-pool":
      return "ceph";
    case "storage":
    case "zfs-pool":
      return "storage";
    case "image":
      return "images";
    case "vm":
    case "container":
      return isTemplate(values) ? "images" : "vms";
    case "ha-resource":
    case "ha-rule":
    case "ha-group":
      return "ha";
    case "step": {
      const step = stepKind(values);
      if (step !== undefined) return stepDomain(step);
      return looksLikeRbdStorage(address, values) ? "storage" : "other";
    }
    default:
      return "other";
  }
}

/** A short identity in Proxmox terms, e.g. `VM 101 "web1" on pve1`, `cluster-join on pve2`. */
export function labelOf(kind: ResourceKind, values: JsonObject, previous?: JsonObject): string | undefined {
  const node = stringAt(values, "node_name");
  const oldNode = previous ? stringAt(previous, "node_name") : undefined;
  const on = node ? (oldNode && oldNode !== node ? ` on ${oldNode} → ${node}` : ` on ${node}`) : "";
  switch (kind) {
    case "vm":
    case "container": {
      const what = isTemplate(values) ? "template" : kind === "vm" ? "VM" : "container";
      const id = stringAt(values, "vm_id") ?? stringAt(values, "id");
      const name = stringAt(values, "name") ?? stringAt(values, "initialization", "hostname");
      return `${what}${id ? ` ${id}` : ""}${name ? ` "${name}"` : ""}${on}`;
    }
    case "ceph-pool": {
      const name = stringAt(values, "name");
      return name ? `pool "${name}"` : undefined;
    }
    case "storage": {
      const id = stringAt(values, "id");
      return id ? `storage "${id}"` : undefined;
    }
    case "zfs-pool": {
      const name = stringAt(values, "name");
      return name ? `ZFS pool "${name}"${on}` : undefined;
    }
    case "network-interface": {
      const name = stringAt(values, "name");
      return name ? `${name}${on}` : undefined;
    }
    case "ha-resource": {
      const id = stringAt(values, "resource_id");
      return id ? `HA resource ${id}` : undefined;
    }
    case "ha-rule": {
      const rule = stringAt(values, "rule");
      return rule ? `HA rule "${rule}"` : undefined;
    }
    case "ha-group": {
      const group = stringAt(values, "group");
      return group ? `HA group "${group}"` : undefined;
    }
    case "image": {
      const file = stringAt(values, "file_name");
      const store = stringAt(values, "datastore_id");
      if (!file) return undefined;
      return `"${file}"${store ? ` on ${store}` : ""}${node ? ` (${node})` : ""}`;
    }
    case "step": {
      const step = stepKind(values);
      if (!step) return undefined;
      const stepNode = stringAt(values, "input", "node");
      return `${step}${stepNode ? ` on ${stepNode}` : ""}`;
    }
    default:
      return undefined;
  }
}
