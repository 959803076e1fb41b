import { Construct } from "constructs";
import { ITerraformDependable } from "cdktn";
import { DownloadFile } from "../.gen/providers/proxmox/download-file";
import { Haresource } from "../.gen/providers/proxmox/haresource";
import { Harule } from "../.gen/providers/proxmox/harule";
import {
  VirtualEnvironmentVm,
  VirtualEnvironmentVmClone,
  VirtualEnvironmentVmConfig,
  VirtualEnvironmentVmDisk,
  VirtualEnvironmentVmInitialization,
  VirtualEnvironmentVmInitializationIpConfigIpv4,
  VirtualEnvironmentVmInitializationUserAccount,
} from "../.gen/providers/proxmox/virtual-environment-vm";
import { pointer } from "../lib/model/findings";
import { ClusterModel } from "../lib/model/model";
import {
  CloudImageSpec,
  GuestHaSpec,
  HaRuleSpec,
  NicSpec,
  NodeAffinityRuleSpec,
  ResourceAffinityRuleSpec,
  TemplateSpec,
  VmSpec,
} from "../lib/model/spec-types";
import { EmitContext } from "./emit-context";
import { ClusterDefinitionError } from "./errors";
import { compact } from "./refs";

/** Storage types whose volumes are block devices, where disks must be raw. */
const BLOCK_STORAGE_TYPES = new Set(["rbd", "lvm", "lvmthin", "zfspool", "zfs", "iscsi"]);

/** The NIC every guest gets unless it declares its own. */
const DEFAULT_NICS: readonly NicSpec[] = [{ bridge: "vmbr0" }];

/**
 * `network_device` is a list-of-objects *attribute* in bpg/proxmox 0.111.1, not
 * a block: Terraform accepts each object only with all eleven keys present, so
 * unset keys are written as null instead of being left out.
 */
export function networkDeviceObjects(nics: readonly NicSpec[]): Record<string, unknown>[] {
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

function diskFormat(model: ClusterModel, storage: string): string | undefined {
  const type = model.storage(storage)?.type;
  return type && BLOCK_STORAGE_TYPES.has(type) ? "raw" : undefined;
}

function storageDeps(ctx: EmitContext, ids: readonly (string | undefined)[]): ITerraformDependable[] {
  const deps: ITerraformDependable[] = [];
  for (const id of new Set(ids)) {
    const dep = id === undefined ? undefined : ctx.storages.get(id);
    if (dep && !deps.includes(dep)) deps.push(dep);
  }
  return deps;
}

/** Everything about a cloud image except its name (see CloudImageSpec). */
export type CloudImageProps = Omit<CloudImageSpec, "name">;

/**
 * A cloud image downloaded onto a node's file storage, pinned by checksum so a
 * rebuild fetches the same bits. Stored as `import` content when the storage
 * holds it (PVE 9's way to import disks), else as `iso`.
 */
export class CloudImage extends Construct {
  constructor(
    scope: Construct,
    readonly name: string,
    private readonly props: CloudImageProps,
  ) {
    super(scope, name);
  }

  toSpec(): CloudImageSpec {
    return { name: this.name, ...this.props };
  }

  /** @internal */
  _emit(ctx: EmitContext, image: CloudImageSpec, index: number): void {
    const model = ctx.model;
    const path = pointer("spec", "images", index);
    const storage = model.storage(image.storage);
    if (!storage) {
      throw new ClusterDefinitionError(`${path}/storage`, `image "${image.name}" goes to storage "${image.storage}", which is not declared in spec.storages`);
    }
    const contentType = storage.content.includes("import") ? "import" : storage.content.includes("iso") ? "iso" : undefined;
    if (!contentType) {
      throw new ClusterDefinitionError(`${path}/storage`, `storage "${image.storage}" holds neither "import" nor "iso" content, so it cannot receive image "${image.name}"; add "import" to its content`);
    }
    const nodeName = image.node ?? model.firstNode?.name ?? "";
    ctx.node(nodeName, `${path}/node`);
    const fileName = image.fileName ?? decodeURIComponent(new URL(image.url).pathname.split("/").pop() ?? "");
    const deps = storageDeps(ctx, [image.storage]);
    const resource = new DownloadFile(this, "Resource", {
      nodeName,
      datastoreId: image.storage,
      contentType,
      url: image.url,
      fileName: fileName || undefined,
      checksum: image.checksum,
      checksumAlgorithm: image.checksum ? (image.checksumAlgorithm ?? "sha256") : undefined,
      dependsOn: deps.length ? deps : ctx.clusterFormed ? [ctx.clusterFormed] : undefined,
    });
    ctx.register(resource, "images", "image", image.name);
    ctx.images.set(image.name, resource);
  }
}

/** Everything about a template except its name (see TemplateSpec). */
export type VmTemplateProps = Omit<TemplateSpec, "name">;

/** Everything about a VM except its name (see VmSpec). */
export type VirtualMachineProps = Omit<VmSpec, "name">;

/**
 * A cloud-init VM template: the image imported as a VirtIO SCSI boot disk, a
 * cloud-init drive, a serial console and the QEMU agent (T4). Keep it on
 * shared storage so clones can land on any node (T3).
 */
export class VmTemplate extends Construct {
  constructor(
    scope: Construct,
    readonly name: string,
    private readonly props: VmTemplateProps,
    private readonly addVm: (name: string, props: VirtualMachineProps) => VirtualMachine,
  ) {
    super(scope, name);
  }

  get vmid(): number {
    return this.props.vmid;
  }

  /** Clones this template into a new VM (a full clone unless `clone: "linked"`). */
  cloneTo(name: string, props: Omit<VirtualMachineProps, "template">): VirtualMachine {
    return this.addVm(name, { ...props, template: this.name });
  }

  toSpec(): TemplateSpec {
    return { name: this.name, ...this.props };
  }

  /** @internal */
  _emit(ctx: EmitContext, t: TemplateSpec, index: number): void {
    const model = ctx.model;
    const path = pointer("spec", "templates", index);
    ctx.node(t.node, `${path}/node`);
    const image = ctx.images.get(t.image);
    const imageSpec = (model.body.images ?? []).find((i) => i.name === t.image);
    if (!image || !imageSpec) {
      throw new ClusterDefinitionError(`${path}/image`, `template "${t.name}" imports image "${t.image}", which spec.images does not declare`);
    }
    const imported = model.storage(imageSpec.storage)?.content.includes("import") ?? false;
    const disk = compact<VirtualEnvironmentVmDisk>({
      interface: "scsi0",
      datastoreId: t.storage,
      // import_from wants `import` content; an `iso`-content image is attached through file_id.
      importFromAttribute: imported ? image.id : undefined,
      fileId: imported ? undefined : image.id,
      size: t.diskGiB ?? 20,
      iothread: true,
      discard: "on",
      fileFormat: diskFormat(model, t.storage),
    });
    const resource = new VirtualEnvironmentVm(this, "Resource", {
      nodeName: t.node,
      vmId: t.vmid,
      name: t.name,
      template: true,
      started: false,
      onBoot: false,
      agent: { enabled: t.agent ?? true },
      cpu: { cores: t.cores ?? 2, type: t.cpuType ?? model.defaultCpuType() },
      memory: { dedicated: t.memoryMiB ?? 2048 },
      operatingSystem: { type: "l26" },
      scsiHardware: "virtio-scsi-single",
      bootOrder: ["scsi0"],
      disk: [disk],
      initialization: { datastoreId: t.storage, interface: "ide2" },
      serialDevice: [{ device: "socket" }],
      vga: { type: "serial0" },
      dependsOn: [image, ...storageDeps(ctx, [t.storage])],
      lifecycle: ctx.lifecycle(),
    });
    resource.addOverride("network_device", networkDeviceObjects(t.nics ?? DEFAULT_NICS));
    ctx.register(resource, "templates", "template", t.name);
    ctx.templates.set(t.name, resource);
  }
}

/**
 * A VM with a VMID fixed at synthesis (V4), usually cloned from a template,
 * configured by cloud-init (user, SSH keys, static address). `migrate` is on,
 * so moving it to another node is a live migration, not a rebuild.
 */
export class VirtualMachine extends Construct {
  private ha?: GuestHaSpec;

  constructor(
    scope: Construct,
    readonly name: string,
    private readonly props: VirtualMachineProps,
  ) {
    super(scope, name);
    this.ha = props.ha;
  }

  get vmid(): number {
    return this.props.vmid;
  }

  /** Puts the VM under HA. Its `node` then becomes a placement preference (H8). */
  protectWithHa(options: GuestHaSpec = {}): this {
    this.ha = options;
    return this;
  }

  toSpec(): VmSpec {
    return compact<VmSpec>({ name: this.name, ...this.props, ha: this.ha });
  }

  /** @internal */
  _emit(ctx: EmitContext, v: VmSpec, index: number): void {
    const model = ctx.model;
    const path = pointer("spec", "vms", index);
    ctx.node(v.node, `${path}/node`);
    let template: TemplateSpec | undefined;
    const deps: ITerraformDependable[] = [];
    if (v.template !== undefined) {
      template = model.template(v.template);
      const templateResource = ctx.templates.get(v.template);
      if (!template || !templateResource) {
        throw new ClusterDefinitionError(`${path}/template`, `VM "${v.name}" clones template "${v.template}", which spec.templates does not declare`);
      }
      deps.push(templateResource);
    } else if (!v.disks?.length) {
      throw new ClusterDefinitionError(`${path}/disks`, `VM "${v.name}" has neither a template nor disks; clone a template or declare its disks`);
    }
    const full = (v.clone ?? "full") === "full";
    const diskStorage = v.storage ?? template?.storage ?? v.disks?.[0]?.storage;
    const ci = v.cloudInit;
    const initialization: VirtualEnvironmentVmInitialization | undefined = ci
      ? compact<VirtualEnvironmentVmInitialization>({
          datastoreId: ci.storage ?? diskStorage,
          interface: "ide2",
          ipConfig: ci.ipv4
            ? [{ ipv4: compact<VirtualEnvironmentVmInitializationIpConfigIpv4>({ address: ci.ipv4, gateway: ci.ipv4 === "dhcp" ? undefined : ci.gateway }) }]
            : undefined,
          userAccount: ci.user || ci.sshKeys ? compact<VirtualEnvironmentVmInitializationUserAccount>({ username: ci.user, keys: ci.sshKeys ? [...ci.sshKeys] : undefined }) : undefined,
          dns: ci.dns ? { servers: [...ci.dns] } : undefined,
        })
      : undefined;
    deps.push(...storageDeps(ctx, [v.storage, ci?.storage, ...(v.disks ?? []).map((d) => d.storage)]));
    if ((v.passthrough?.length ?? 0) > 0) {
      ctx.notes.push(`${path}/passthrough: passthrough devices are not synthesized; map them with proxmox_hardware_mapping_* and hostpci by hand`);
    }

    const config: VirtualEnvironmentVmConfig = {
      nodeName: v.node,
      vmId: v.vmid,
      name: v.name,
      clone: template
        ? compact<VirtualEnvironmentVmClone>({ vmId: template.vmid, full, nodeName: template.node, datastoreId: full ? v.storage : undefined })
        : undefined,
      migrate: true,
      started: v.started ?? true,
      onBoot: v.onBoot ?? false,
      tags: v.tags ? [...v.tags] : undefined,
      agent: { enabled: template?.agent ?? true },
      cpu: { cores: v.cores ?? template?.cores ?? 2, type: v.cpuType ?? template?.cpuType ?? model.defaultCpuType() },
      memory: { dedicated: v.memoryMiB ?? template?.memoryMiB ?? 2048 },
      operatingSystem: { type: "l26" },
      scsiHardware: "virtio-scsi-single",
      disk: v.disks?.map((d, i) =>
        compact<VirtualEnvironmentVmDisk>({
          interface: d.interface ?? `scsi${i}`,
          datastoreId: d.storage,
          size: d.sizeGiB,
          iothread: true,
          discard: "on",
          fileFormat: diskFormat(model, d.storage),
        }),
      ),
      initialization,
      dependsOn: deps,
      // The HA manager may move the VM; its declared node is then only a preference (H8).
      lifecycle: v.ha ? { ignoreChanges: ["node_name"] } : undefined,
    };
    const resource = new VirtualEnvironmentVm(this, "Resource", config);
    resource.addOverride("network_device", networkDeviceObjects(v.nics ?? template?.nics ?? DEFAULT_NICS));
    ctx.register(resource, "vms", "vm", v.name);
    ctx.vms.set(v.name, resource);

    if (v.ha) {
      const ha = new Haresource(this, "Ha", {
        resourceId: `vm:${v.vmid}`,
        state: v.ha.state ?? "started",
        maxRestart: v.ha.maxRestart ?? 1,
        maxRelocate: v.ha.maxRelocate ?? 1,
        dependsOn: [resource, ...(ctx.clusterOptions ? [ctx.clusterOptions] : [])],
      });
      ctx.register(ha, "ha", "ha", v.name);
      ctx.haResources.set(v.name, ha);
    }
  }
}

/** A PVE 9 HA rule (HA groups are deprecated, H5). */
export type HaRuleProps = Omit<NodeAffinityRuleSpec, "name"> | Omit<ResourceAffinityRuleSpec, "name">;

/**
 * An HA affinity rule: keep guests on preferred nodes (node-affinity) or
 * together / apart (resource-affinity). Its guests must be under HA.
 */
export class HaRule extends Construct {
  constructor(
    scope: Construct,
    readonly name: string,
    private readonly props: HaRuleProps,
  ) {
    super(scope, name);
  }

  toSpec(): HaRuleSpec {
    return { name: this.name, ...this.props } as HaRuleSpec;
  }

  /** @internal */
  _emit(ctx: EmitContext, rule: HaRuleSpec, index: number): void {
    const path = pointer("spec", "haRules", index);
    const deps: ITerraformDependable[] = [];
    const resources = rule.resources.map((vmName, i) => {
      const vm = ctx.model.vm(vmName);
      const ha = ctx.haResources.get(vmName);
      if (!vm || !ha) {
        throw new ClusterDefinitionError(
          `${path}/resources/${i}`,
          vm ? `HA rule "${rule.name}" names VM "${vmName}", which is not under HA; give it an ha section` : `HA rule "${rule.name}" names VM "${vmName}", which spec.vms does not declare`,
        );
      }
      deps.push(ha);
      return `vm:${vm.vmid}`;
    });
    const resource = new Harule(this, "Resource", {
      rule: rule.name,
      type: rule.type,
      resources,
      ...(rule.type === "node-affinity"
        ? { nodes: { ...rule.nodes }, strict: rule.strict ?? false }
        : { affinity: rule.affinity }),
      dependsOn: deps,
    });
    ctx.register(resource, "ha", "ha_rule", rule.name);
  }
}

