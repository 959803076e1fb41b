/**
 * The baseline of the synthesis benchmark: the same cluster written by hand
 * against raw cdktn — generated bpg classes (deep imports) and plain
 * `TerraformResource` terraform_data steps, with no pvecdk construct, model or
 * rule. It emits the resource types, counts, Terraform names, dependencies and
 * roughly the attribute volume `synthesizeSpec` emits for a spec from
 * `generateClusterSpec`, so pvecdk's time divided by this one is the cost of
 * pvecdk's own layer. It reads the spec as plain data and handles the features
 * the generator uses (VLANs and bridges, Ceph MONs/MGRs/OSDs, one RBD pool,
 * dir storages, a cloud image, a template, cloned VMs, HA), nothing more.
 */
import { Construct } from "constructs";
import { App, ITerraformDependable, LocalBackend, TerraformProvider, TerraformResource, TerraformStack } from "cdktn";
import { CephPool } from "../.gen/providers/proxmox/ceph-pool";
import { ClusterOptions } from "../.gen/providers/proxmox/cluster-options";
import { DownloadFile } from "../.gen/providers/proxmox/download-file";
import { Haresource } from "../.gen/providers/proxmox/haresource";
import { NetworkLinuxBridge } from "../.gen/providers/proxmox/network-linux-bridge";
import { NetworkLinuxVlan } from "../.gen/providers/proxmox/network-linux-vlan";
import { ProxmoxProvider } from "../.gen/providers/proxmox/provider";
import { StorageDirectory } from "../.gen/providers/proxmox/storage-directory";
import { VirtualEnvironmentVm } from "../.gen/providers/proxmox/virtual-environment-vm";
import type { ClusterSpec, NetworkSpec, NicSpec, NodeSpec } from "../lib/model/spec-types";

export interface BaselineStack {
  readonly stack: TerraformStack;
  /** Resources per Terraform type, counted while they are created. */
  readonly resourceCounts: Record<string, number>;
}

type StepInput = Record<string, string | number | boolean | string[]>;

/** A bootstrap step as a hand-written cdktn program would write it: terraform_data + remote-exec over SSH. */
class Step extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    host: string,
    inline: string[],
    private readonly input: StepInput,
    dependsOn: ITerraformDependable[],
  ) {
    super(scope, id, {
      terraformResourceType: "terraform_data",
      terraformGeneratorMetadata: { providerName: "terraform" },
      dependsOn: dependsOn.length ? dependsOn : undefined,
      lifecycle: { preventDestroy: true },
      provisioners: [{ type: "remote-exec", inline }],
      connection: { type: "ssh", host, user: "root" },
    });
    this.addOverride("connection.agent", true);
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return { input: this.input, triggers_replace: this.input };
  }
}

/**
 * A script with a guard, the command and a check, padded to `lines` lines —
 * the length pvecdk's bootstrap script for the same step has — so both sides
 * synthesize about the same volume of text.
 */
function script(step: string, what: string, command: string, check: string, lines: number): string[] {
  const head = [
    "#!/bin/bash",
    `# bootstrap step "${step}": ${what}`,
    "# Written by hand for the benchmark baseline; safe to run again.",
    "set -eu -o pipefail",
    `say() { printf '${step}: %s\\n' "$*"; }`,
    `fail() { printf '${step}: error: %s\\n' "$*" >&2; exit 1; }`,
    `if ${check}; then`,
    `  say "already done: ${what}"`,
    "  exit 0",
    "fi",
  ];
  const tail = [
    `say "running: ${what}"`,
    "cd /",
    command,
    "for ((attempt = 1; attempt <= 15; attempt++)); do",
    `  if ${check}; then`,
    `    say "done: ${what}"`,
    "    exit 0",
    "  fi",
    '  if [ "$attempt" -lt 15 ]; then sleep 2; fi',
    "done",
    `fail "${command.split(" ")[0]} returned, but the check still fails"`,
  ];
  const padding = Array.from({ length: Math.max(0, lines - head.length - tail.length) }, (_, i) => `[ -d /etc/pve ] || fail "check ${i + 1}: no /etc/pve"`);
  return [...head, ...padding, ...tail];
}

/** The same `network_device` objects pvecdk writes (bpg 0.111.1 wants every key present). */
function networkDevices(nics: readonly NicSpec[]): Record<string, unknown>[] {
  return nics.map((nic) => ({
    bridge: nic.bridge,
    disconnected: false,
    enabled: true,
    firewall: nic.firewall ?? true,
    mac_address: null,
    model: nic.model ?? "virtio",
    mtu: nic.mtu ?? null,
    queues: null,
    rate_limit: null,
    trunks: null,
    vlan_id: nic.vlan ?? null,
  }));
}

function safeName(raw: string): string {
  return raw.replace(/[^A-Za-z0-9_-]/g, "_");
}

/**
 * Adds the cluster's stack to `app`. Imports are written the way pvecdk
 * writes them (see constructs/adopt.ts), so neither side pays cdktn's
 * per-import `terraform version` probe and the ratio measures pvecdk alone.
 */
export function buildBaselineStack(app: App, doc: ClusterSpec): BaselineStack {
  const s = doc.spec;
  const stack = new TerraformStack(app, s.name);
  new LocalBackend(stack, { path: "terraform.tfstate" });
  const counts: Record<string, number> = {};
  const named = <T extends TerraformResource>(resource: T, name: string): T => {
    resource.overrideLogicalId(name);
    counts[resource.terraformResourceType] = (counts[resource.terraformResourceType] ?? 0) + 1;
    return resource;
  };
  const adopt = (resource: TerraformResource, id: string, provider?: TerraformProvider): void => {
    Object.defineProperty(resource.node, "addValidation", { value: () => undefined, configurable: true });
    resource.importFrom(id, provider);
    Reflect.deleteProperty(resource.node, "addValidation");
  };

  const networks = new Map<string, NetworkSpec>((s.networks ?? []).map((n) => [n.name, n]));
  const mgmt = (s.networks ?? []).find((n) => n.roles.includes("management"));
  const nodes = s.nodes ?? [];
  const host = (node: NodeSpec): string => node.sshHost ?? node.addresses?.[mgmt?.name ?? ""] ?? node.name;

  new ProxmoxProvider(stack, "default", {
    endpoint: `https://${host(nodes[0])}:8006/`,
    ssh: { agent: true, username: "root", nodeAttribute: nodes.map((n) => ({ name: n.name, address: host(n) })) },
  });
  const providers = new Map<string, ProxmoxProvider>();
  for (const node of nodes) {
    providers.set(node.name, new ProxmoxProvider(stack, `provider-${node.name}`, { alias: node.name, endpoint: `https://${host(node)}:8006/`, ssh: { agent: true, username: "root" } }));
  }

  // Node networks, through each node's own provider.
  const networkResources: TerraformResource[] = [];
  const addressFields = (nodeSpec: NodeSpec, network: string | undefined, mtu: number | undefined) => {
    const net = network === undefined ? undefined : networks.get(network);
    const address = network === undefined ? undefined : nodeSpec.addresses?.[network];
    if (!net || !address) return { mtu };
    return { address: `${address}/${net.cidr.split("/")[1]}`, gateway: net.gateway, mtu: mtu ?? net.mtu };
  };
  for (const node of nodes) {
    const provider = providers.get(node.name);
    for (const vlan of node.interfaces?.vlans ?? []) {
      const dot = vlan.name.lastIndexOf(".");
      const resource = new NetworkLinuxVlan(stack, `${node.name}-${vlan.name}`, {
        provider,
        nodeName: node.name,
        name: vlan.name,
        interface: vlan.name.slice(0, dot),
        vlan: Number(vlan.name.slice(dot + 1)),
        ...addressFields(node, vlan.network, vlan.mtu),
      });
      networkResources.push(named(resource, safeName(`${node.name}_${vlan.name}`)));
    }
    for (const bridge of node.interfaces?.bridges ?? []) {
      const resource = new NetworkLinuxBridge(stack, `${node.name}-${bridge.name}`, {
        provider,
        nodeName: node.name,
        name: bridge.name,
        ports: bridge.ports ? [...bridge.ports] : undefined,
        vlanAware: bridge.vlanAware,
        ...addressFields(node, bridge.network, bridge.mtu),
      });
      if (bridge.name === "vmbr0") adopt(resource, `${node.name}:vmbr0`, provider);
      networkResources.push(named(resource, safeName(`${node.name}_${bridge.name}`)));
    }
  }

  // Cluster formation: create, joins one at a time, wait for quorum.
  const links = [...(s.corosync?.links ?? [])].sort((a, b) => a.id - b.id);
  const linkInput = (node: NodeSpec) => Object.fromEntries(links.map((l) => [`link${l.id}`, node.addresses?.[l.network] ?? ""]));
  const linkArgs = (node: NodeSpec) => links.map((l) => `--link${l.id} ${node.addresses?.[l.network]}`).join(" ");
  const first = nodes[0];
  const create = named(
    new Step(stack, "create", host(first), script("cluster-create", `create cluster ${s.name}`, `pvecm create ${s.name} ${linkArgs(first)}`, "[ -f /etc/pve/corosync.conf ]", 33), { pvecdk_step: "cluster-create", node: first.name, cluster: s.name, ...linkInput(first) }, networkResources),
    "cluster_create",
  );
  let formed: Step = create;
  for (const node of nodes.slice(1)) {
    const command = `pvecm add ${host(first)} ${linkArgs(node)} --use_ssh 1`;
    formed = named(
      new Step(stack, `join-${node.name}`, host(node), script("cluster-join", `join ${node.name} to ${s.name}`, command, "[ -f /etc/pve/corosync.conf ]", 50), { pvecdk_step: "cluster-join", node: node.name, cluster: s.name, existing_node: first.name, existing_address: host(first), ...linkInput(node) }, [formed]),
      `cluster_join_${node.name}`,
    );
  }
  formed = named(
    new Step(stack, "quorum-wait", host(first), script("cluster-quorum-wait", `wait for ${nodes.length} nodes`, "pvecm status", "pvecm status | grep -q Quorate", 24), { pvecdk_step: "cluster-quorum-wait", node: first.name, expected_nodes: nodes.length }, [formed]),
    "cluster_quorum_wait",
  );

  // Ceph: packages, init, MONs in a chain, MGRs, OSDs per node in a chain, then the pool and its RBD storage.
  const storageDeps = new Map<string, ITerraformDependable>();
  if (s.ceph) {
    const cephNodes = nodes.filter((n) => n.ceph);
    const mons = nodes.filter((n) => n.ceph?.mon);
    const publicCidr = networks.get(s.ceph.publicNetwork)?.cidr ?? "";
    const clusterCidr = s.ceph.clusterNetwork ? networks.get(s.ceph.clusterNetwork)?.cidr : undefined;
    const installs = cephNodes.map((n) =>
      named(new Step(stack, `ceph-install-${n.name}`, host(n), script("ceph-install", "install Ceph", "pveceph install --repository no-subscription", "command -v ceph-mon", 40), { pvecdk_step: "ceph-install", node: n.name }, [formed]), `ceph_install_${n.name}`),
    );
    const init = named(
      new Step(stack, "ceph-init", host(mons[0]), script("ceph-init", "initialise Ceph", `pveceph init --network ${publicCidr}${clusterCidr ? ` --cluster-network ${clusterCidr}` : ""}`, "[ -f /etc/pve/ceph.conf ]", 47), { pvecdk_step: "ceph-init", node: mons[0].name, public_network: publicCidr, ...(clusterCidr ? { cluster_network: clusterCidr } : {}) }, installs),
      "ceph_init",
    );
    let lastMon: Step = init;
    for (const n of mons) {
      const address = n.addresses?.[s.ceph.publicNetwork] ?? "";
      lastMon = named(new Step(stack, `ceph-mon-${n.name}`, host(n), script("ceph-mon", `monitor on ${n.name}`, `pveceph mon create --mon-address ${address}`, `ceph mon dump | grep -q mon.${n.name}`, 27), { pvecdk_step: "ceph-mon", node: n.name, address }, [lastMon]), `ceph_mon_${n.name}`);
    }
    const mgrs = nodes
      .filter((n) => n.ceph?.mgr)
      .map((n) => named(new Step(stack, `ceph-mgr-${n.name}`, host(n), script("ceph-mgr", `manager on ${n.name}`, "pveceph mgr create", `ceph mgr dump | grep -q ${n.name}`, 27), { pvecdk_step: "ceph-mgr", node: n.name }, [lastMon]), `ceph_mgr_${n.name}`));
    const osds: Step[] = [];
    for (const n of nodes) {
      let previous: ITerraformDependable[] = [lastMon, ...mgrs];
      for (const osd of n.ceph?.osds ?? []) {
        const input: StepInput = { pvecdk_step: "ceph-osd", node: n.name, device: osd.device, ...(osd.deviceClass ? { device_class: osd.deviceClass } : {}) };
        const command = `pveceph osd create ${osd.device}${osd.deviceClass ? ` --crush-device-class ${osd.deviceClass}` : ""}`;
        const step = named(new Step(stack, `ceph-osd-${n.name}-${osds.length}`, host(n), script("ceph-osd", `OSD on ${osd.device}`, command, `ceph-volume lvm list ${osd.device} | grep -q block`, 29), input, previous), safeName(`ceph_osd_${n.name}_${osd.device.split("/").pop()}`));
        osds.push(step);
        previous = [step];
      }
    }
    for (const pool of s.ceph.pools ?? []) {
      const resource = named(
        new CephPool(stack, `pool-${pool.name}`, {
          nodeName: mons[0].name,
          name: pool.name,
          size: pool.size ?? 3,
          minSize: pool.minSize ?? 2,
          pgNum: pool.autoscaleMode === "on" ? pool.pgNum : (pool.pgNum ?? 128),
          pgAutoscaleMode: pool.autoscaleMode ?? "on",
          application: pool.application ?? "rbd",
          dependsOn: osds,
          lifecycle: { preventDestroy: true, ...(pool.autoscaleMode === "on" ? { ignoreChanges: ["pg_num"] } : {}) },
        }),
        `ceph_pool_${pool.name}`,
      );
      if (!pool.storage) continue;
      const id = pool.storage.id ?? pool.name;
      const content = ["images", "rootdir"];
      const step = named(
        new Step(stack, `rbd-${id}`, host(mons[0]), script("rbd-storage", `RBD storage ${id}`, `pvesm add rbd ${id} --pool ${pool.name} --content ${content.join(",")}`, `grep -q "rbd: ${id}" /etc/pve/storage.cfg`, 73), { pvecdk_step: "rbd-storage", node: mons[0].name, storage: id, pool: pool.name, content, krbd: false }, [resource]),
        `rbd_storage_${id}`,
      );
      storageDeps.set(id, step);
    }
  }

  for (const storage of s.storages ?? []) {
    const resource = named(
      new StorageDirectory(stack, `storage-${storage.id}`, {
        id: storage.id,
        content: [...storage.content],
        path: storage.path ?? "",
        dependsOn: [formed],
        lifecycle: { preventDestroy: true },
      }),
      `storage_${storage.id}`,
    );
    if (storage.id === "local") adopt(resource, storage.id);
    storageDeps.set(storage.id, resource);
  }

  const migrationCidr = s.migration?.network ? networks.get(s.migration.network)?.cidr : undefined;
  const options = named(
    new ClusterOptions(stack, "options", {
      migrationType: s.migration?.type ?? "secure",
      migrationCidr,
      haShutdownPolicy: s.ha?.shutdownPolicy,
      crsHa: s.ha?.crs,
      dependsOn: [formed],
    }),
    "cluster_options",
  );

  const images = new Map<string, DownloadFile>();
  for (const image of s.images ?? []) {
    const dep = storageDeps.get(image.storage);
    images.set(
      image.name,
      named(
        new DownloadFile(stack, `image-${image.name}`, {
          nodeName: image.node ?? first.name,
          datastoreId: image.storage,
          contentType: "import",
          url: image.url,
          fileName: image.fileName,
          checksum: image.checksum,
          checksumAlgorithm: image.checksum ? (image.checksumAlgorithm ?? "sha256") : undefined,
          dependsOn: dep ? [dep] : [formed],
        }),
        `image_${image.name}`,
      ),
    );
  }

  const templates = new Map<string, { resource: VirtualEnvironmentVm; vmid: number; node: string; storage: string }>();
  for (const t of s.templates ?? []) {
    const image = images.get(t.image);
    const storageDep = storageDeps.get(t.storage);
    const resource = new VirtualEnvironmentVm(stack, `template-${t.name}`, {
      nodeName: t.node,
      vmId: t.vmid,
      name: t.name,
      template: true,
      started: false,
      onBoot: false,
      agent: { enabled: true },
      cpu: { cores: t.cores ?? 2, type: "host" },
      memory: { dedicated: t.memoryMiB ?? 2048 },
      operatingSystem: { type: "l26" },
      scsiHardware: "virtio-scsi-single",
      bootOrder: ["scsi0"],
      disk: [{ interface: "scsi0", datastoreId: t.storage, importFromAttribute: image?.id, size: t.diskGiB ?? 20, iothread: true, discard: "on", fileFormat: "raw" }],
      initialization: { datastoreId: t.storage, interface: "ide2" },
      serialDevice: [{ device: "socket" }],
      vga: { type: "serial0" },
      dependsOn: [...(image ? [image] : []), ...(storageDep ? [storageDep] : [])],
      lifecycle: { preventDestroy: true },
    });
    resource.addOverride("network_device", networkDevices(t.nics ?? [{ bridge: "vmbr0" }]));
    templates.set(t.name, { resource: named(resource, `template_${t.name}`), vmid: t.vmid, node: t.node, storage: t.storage });
  }

  for (const v of s.vms ?? []) {
    const template = v.template === undefined ? undefined : templates.get(v.template);
    const ci = v.cloudInit;
    const resource = new VirtualEnvironmentVm(stack, `vm-${v.name}`, {
      nodeName: v.node,
      vmId: v.vmid,
      name: v.name,
      clone: template ? { vmId: template.vmid, full: (v.clone ?? "full") === "full", nodeName: template.node } : undefined,
      migrate: true,
      started: v.started ?? true,
      onBoot: v.onBoot ?? false,
      agent: { enabled: true },
      cpu: { cores: v.cores ?? 2, type: "host" },
      memory: { dedicated: v.memoryMiB ?? 2048 },
      operatingSystem: { type: "l26" },
      scsiHardware: "virtio-scsi-single",
      initialization: ci
        ? {
            datastoreId: ci.storage ?? v.storage ?? template?.storage,
            interface: "ide2",
            ipConfig: ci.ipv4 ? [{ ipv4: { address: ci.ipv4, gateway: ci.gateway } }] : undefined,
            userAccount: ci.user ? { username: ci.user } : undefined,
          }
        : undefined,
      dependsOn: template ? [template.resource] : undefined,
      lifecycle: v.ha ? { ignoreChanges: ["node_name"] } : undefined,
    });
    resource.addOverride("network_device", networkDevices(v.nics ?? [{ bridge: "vmbr0" }]));
    named(resource, `vm_${v.name}`);
    if (v.ha) {
      named(
        new Haresource(stack, `ha-${v.name}`, {
          resourceId: `vm:${v.vmid}`,
          state: v.ha.state ?? "started",
          maxRestart: v.ha.maxRestart ?? 1,
          maxRelocate: v.ha.maxRelocate ?? 1,
          dependsOn: [resource, options],
        }),
        `ha_${v.name}`,
      );
    }
  }
  return { stack, resourceCounts: counts };
}
