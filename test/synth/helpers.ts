import * as fs from "fs";
import * as path from "path";
import { ClusterSpec } from "../../lib/model/spec-types";
import { loadSpecFile } from "../../lib/spec/load";
import { checkSpec, synthesizeJson } from "../../lib/synth";
import { ClusterStack } from "../../stacks/cluster-stack";
import { baseSpec } from "../fixtures/base-spec";

/** The parts of a synthesized cdk.tf.json the tests read. */
export interface TfJson {
  readonly provider?: { readonly proxmox?: readonly Record<string, unknown>[] };
  readonly resource: Record<string, Record<string, TfResource>>;
  readonly import?: readonly { readonly id: string; readonly to: string; readonly provider?: string }[];
  readonly variable?: Record<string, { readonly sensitive?: boolean; readonly type?: string }>;
  readonly terraform: { readonly backend: Record<string, Record<string, unknown>> };
}

export interface TfResource {
  readonly depends_on?: readonly string[];
  readonly lifecycle?: { readonly prevent_destroy?: boolean; readonly ignore_changes?: readonly string[] };
  readonly provider?: string;
  readonly input?: Record<string, unknown>;
  readonly [attribute: string]: unknown;
}

/** Synthesizes a spec through ClusterStack.fromSpec and returns the cdk.tf.json text. */
export function synthText(spec: ClusterSpec): string {
  return synthesizeJson((app) => ClusterStack.fromSpec(app, spec));
}

export function synth(spec: ClusterSpec): TfJson {
  return JSON.parse(synthText(spec)) as TfJson;
}

/** Every resource as `type.name` → body. */
export function resources(json: TfJson): Map<string, TfResource> {
  const out = new Map<string, TfResource>();
  for (const [type, byName] of Object.entries(json.resource)) {
    for (const [name, body] of Object.entries(byName)) out.set(`${type}.${name}`, body);
  }
  return out;
}

/** `terraform_data` steps by their `input.pvecdk_step` kind. */
export function stepsOfKind(json: TfJson, kind: string): string[] {
  return Object.entries(json.resource.terraform_data ?? {})
    .filter(([, body]) => body.input?.pvecdk_step === kind)
    .map(([name]) => `terraform_data.${name}`);
}

/** Everything `address` waits for, following depends_on transitively. */
export function dependencyClosure(json: TfJson, address: string): Set<string> {
  const all = resources(json);
  const seen = new Set<string>();
  const stack = [...(all.get(address)?.depends_on ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(all.get(next)?.depends_on ?? []));
  }
  return seen;
}

/** True when `later` (transitively) depends on `earlier`. */
export function comesAfter(json: TfJson, later: string, earlier: string): boolean {
  return dependencyClosure(json, later).has(earlier);
}

/**
 * Two nodes plus a QDevice (3 votes), no Ceph: shared NFS storage carries the
 * template and the HA guests. Networks stay split: corosync, storage and
 * migration each on their own VLAN, the guest bridge on a bond.
 */
export function twoNodeQDeviceSpec(): ClusterSpec {
  const base = baseSpec();
  const nodes = [1, 2].map((i) => ({
    name: `pve${i}`,
    pveVersion: "9.0",
    cpu: { vendor: "amd" as const, model: i === 1 ? "EPYC 7313" : "EPYC 7343", cores: 16 },
    addresses: { mgmt: `192.168.10.1${i}`, corosync: `10.0.10.1${i}`, storage: `10.0.50.1${i}`, migration: `10.0.40.1${i}` },
    interfaces: {
      physical: ["eno1", "eno2", "ens1f0", "ens1f1"],
      bonds: [{ name: "bond0", slaves: ["ens1f0", "ens1f1"], mode: "802.3ad" as const, hashPolicy: "layer3+4" as const, mtu: 9000 }],
      bridges: [
        { name: "vmbr0", ports: ["eno1"], network: "mgmt" },
        { name: "vmbr1", ports: ["bond0"], vlanAware: true, mtu: 9000, comment: "guests" },
      ],
      vlans: [
        { name: "eno2.10", network: "corosync" },
        { name: "bond0.50", network: "storage", mtu: 9000 },
        { name: "bond0.40", network: "migration", mtu: 9000 },
      ],
    },
  }));
  return {
    apiVersion: "pvecdk/v1",
    kind: "Cluster",
    spec: {
      name: "duo",
      networks: [
        { name: "mgmt", roles: ["management"], cidr: "192.168.10.0/24", gateway: "192.168.10.1", physical: "switch-a" },
        { name: "corosync", roles: ["corosync"], cidr: "10.0.10.0/24", vlan: 10, physical: "switch-b", latencyMs: 0.2 },
        { name: "storage", roles: ["storage"], cidr: "10.0.50.0/24", vlan: 50, mtu: 9000, physical: "fabric" },
        { name: "migration", roles: ["migration"], cidr: "10.0.40.0/24", vlan: 40, mtu: 9000, physical: "fabric" },
      ],
      nodes,
      corosync: {
        links: [
          { id: 0, network: "corosync", priority: 20 },
          { id: 1, network: "mgmt", priority: 10 },
        ],
        qdevice: { host: "192.168.10.5", description: "Raspberry Pi running corosync-qnetd" },
      },
      storages: [
        ...(base.spec.storages ?? []),
        { id: "nas", type: "nfs", server: "10.0.50.2", export: "/export/pve", content: ["images", "import", "iso"] },
      ],
      migration: { network: "migration", type: "secure", bandwidthLimitKiBs: 512000 },
      ha: { shutdownPolicy: "migrate", crs: "static" },
      images: [{ ...(base.spec.images ?? [])[0], storage: "nas" }],
      templates: [{ name: "ubuntu-2404", vmid: 9000, node: "pve1", image: "noble", storage: "nas", nics: [{ bridge: "vmbr1", vlan: 100 }] }],
      vms: ["app1", "app2"].map((name, i) => ({
        name,
        vmid: 201 + i,
        node: `pve${i + 1}`,
        template: "ubuntu-2404",
        clone: "full" as const,
        storage: "nas",
        cores: 4,
        memoryMiB: 8192,
        nics: [{ bridge: "vmbr1", vlan: 100, mtu: 1 }],
        cloudInit: { user: "ops", sshKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnlyForTests ops@example"], ipv4: `10.100.0.${11 + i}/24`, gateway: "10.100.0.1", dns: ["10.100.0.1"] },
        ha: { state: "started" as const },
      })),
      haRules: [{ name: "app-prefers-pve1", type: "node-affinity", resources: ["app1"], nodes: { pve1: 2, pve2: 1 } }],
      nextId: { lower: 100, upper: 10000 },
    },
  };
}

/** The example specs shipped in examples/, loaded through the YAML front door. */
export interface ExampleSpec {
  /** File name without extension, e.g. "seed-split-network". */
  readonly name: string;
  readonly file: string;
  readonly spec: ClusterSpec;
  /** True when the validator refuses it (a cautionary example). */
  readonly blocked: boolean;
}

export function exampleSpecs(): ExampleSpec[] {
  const dir = path.join(__dirname, "..", "..", "examples");
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      const { spec } = loadSpecFile(file, `examples/${f}`);
      return { name: f.replace(/\.ya?ml$/, ""), file, spec, blocked: checkSpec(spec).blocking.length > 0 };
    });
}
