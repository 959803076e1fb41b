/**
 * The order in which the synthesized configuration builds a cluster. Every
 * resource belongs to one phase; `depends_on` edges make Terraform follow the
 * order (architecture.md, "Apply order").
 */
export const APPLY_PHASES = [
  { id: "network", title: "node networks (bridges, VLANs, bonds; one provider per node)" },
  { id: "cluster-create", title: "cluster creation on the first node, with every corosync link" },
  { id: "cluster-join", title: "node joins, one at a time, each with every link address" },
  { id: "qdevice", title: "QDevice (external vote)" },
  { id: "ceph-install", title: "Ceph packages on every Ceph node, then pveceph init" },
  { id: "ceph-daemons", title: "Ceph monitors and managers" },
  { id: "ceph-osds", title: "Ceph OSDs" },
  { id: "ceph-pools", title: "CRUSH rules, pools and the RBD storages they back" },
  { id: "storages", title: "other storages" },
  { id: "cluster-options", title: "cluster options (migration network and type, HA, next-id)" },
  { id: "images", title: "cloud images" },
  { id: "templates", title: "VM templates" },
  { id: "vms", title: "VMs (clones with fixed VMIDs)" },
  { id: "ha", title: "HA resources and rules" },
] as const;

export type ApplyPhaseId = (typeof APPLY_PHASES)[number]["id"];

export interface ApplyPhaseSummary {
  readonly id: ApplyPhaseId;
  readonly title: string;
  /** Terraform addresses (`type.name`) emitted in this phase, in emission order. */
  readonly addresses: readonly string[];
}
