import { Construct } from "constructs";
import { TerraformResource } from "cdktn";
import { StorageCifs } from "../.gen/providers/proxmox/storage-cifs";
import { StorageDirectory } from "../.gen/providers/proxmox/storage-directory";
import { StorageLvm } from "../.gen/providers/proxmox/storage-lvm";
import { StorageLvmthin } from "../.gen/providers/proxmox/storage-lvmthin";
import { StorageNfs } from "../.gen/providers/proxmox/storage-nfs";
import { StoragePbs } from "../.gen/providers/proxmox/storage-pbs";
import { StorageZfspool } from "../.gen/providers/proxmox/storage-zfspool";
import { StorageSpec } from "../lib/model/spec-types";
import { adoptExisting } from "./adopt";
import { EmitContext } from "./emit-context";
import { ClusterDefinitionError } from "./errors";

/** Everything about a storage except its ID (see StorageSpec). */
export type ProxmoxStorageProps = Omit<StorageSpec, "id">;

/**
 * Storages a fresh installation already defines. Declaring one of them with
 * the installer's settings adopts it (a Terraform `import` block) instead of
 * failing to create a storage ID that exists.
 */
const INSTALLER_STORAGES: readonly Partial<StorageSpec>[] = [
  { id: "local", type: "dir", path: "/var/lib/vz" },
  { id: "local-lvm", type: "lvmthin", vgName: "pve", thinPool: "data" },
  { id: "local-zfs", type: "zfspool", zfsPool: "rpool/data" },
];

/**
 * A storage in the cluster-wide storage.cfg (dir, lvm, lvmthin, zfspool, nfs,
 * cifs, pbs). RBD storages come from Ceph pools (`CephPool` with `storage`).
 * Credentials of cifs/pbs storages are Terraform variables, never literals.
 */
export class ProxmoxStorage extends Construct {
  constructor(
    scope: Construct,
    readonly storageId: string,
    private readonly props: ProxmoxStorageProps,
  ) {
    super(scope, storageId);
  }

  get name(): string {
    return this.storageId;
  }

  toSpec(): StorageSpec {
    return { id: this.storageId, ...this.props };
  }

  /** @internal */
  _emit(ctx: EmitContext, s: StorageSpec, index: number): void {
    const path = `/spec/storages/${index}`;
    const need = (field: keyof StorageSpec): string => {
      const value = s[field];
      if (typeof value !== "string" || value === "") {
        throw new ClusterDefinitionError(`${path}/${field}`, `a ${s.type} storage needs "${field}"`);
      }
      return value;
    };
    const common = {
      id: s.id,
      content: [...s.content],
      nodes: s.nodes ? [...s.nodes] : undefined,
      dependsOn: ctx.clusterFormed ? [ctx.clusterFormed] : undefined,
      lifecycle: ctx.lifecycle(),
    };
    let resource: TerraformResource;
    switch (s.type) {
      case "dir":
        resource = new StorageDirectory(this, "Resource", { ...common, path: need("path"), shared: s.shared });
        break;
      case "lvm":
        resource = new StorageLvm(this, "Resource", { ...common, volumeGroup: need("vgName"), shared: s.shared });
        break;
      case "lvmthin":
        resource = new StorageLvmthin(this, "Resource", { ...common, volumeGroup: need("vgName"), thinPool: need("thinPool") });
        break;
      case "zfspool":
        resource = new StorageZfspool(this, "Resource", { ...common, zfsPool: need("zfsPool") });
        break;
      case "nfs":
        resource = new StorageNfs(this, "Resource", { ...common, server: need("server"), export: need("export") });
        break;
      case "cifs": {
        const credentials = this.credentials(ctx, s.id, "CIFS share");
        resource = new StorageCifs(this, "Resource", { ...common, server: need("server"), share: need("share"), ...credentials });
        break;
      }
      case "pbs": {
        const credentials = this.credentials(ctx, s.id, "Proxmox Backup Server");
        resource = new StoragePbs(this, "Resource", { ...common, server: need("server"), datastore: need("datastore"), ...credentials });
        break;
      }
      default:
        throw new ClusterDefinitionError(
          `${path}/type`,
          s.type === "rbd"
            ? `storage "${s.id}": declare hyper-converged RBD storages on their Ceph pool (spec.ceph.pools[].storage); external RBD is not synthesized`
            : `storage "${s.id}": type "${s.type}" is not synthesized (supported: dir, lvm, lvmthin, zfspool, nfs, cifs, pbs, and RBD through Ceph pools)`,
        );
    }
    const installer = INSTALLER_STORAGES.find((d) => Object.entries(d).every(([k, v]) => s[k as keyof StorageSpec] === v));
    if (installer) adoptExisting(resource, s.id);
    ctx.register(resource, "storages", "storage", s.id);
    ctx.storages.set(s.id, resource);
  }

  private credentials(ctx: EmitContext, id: string, what: string): { username: string; password: string } {
    const username = ctx.variable(this, [id, "username"], `User name for the ${what} behind storage "${id}".`);
    const password = ctx.secretVariable(this, [id, "password"], `Password for the ${what} behind storage "${id}" (sensitive).`);
    return { username: username.stringValue, password: password.stringValue };
  }
}
