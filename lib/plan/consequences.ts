import { InterfaceRoles, SpecContext } from "./cluster-summary";
import { JsonObject, stringAt, valueAt } from "./json";
import { isPathWithin } from "./paths";
import { ResourceKind, isTemplate, looksLikeRbdStorage, stepKind } from "./resource-kinds";
import { AttributeChange, ChangeAction, RiskLevel } from "./review-model";

/** Everything the risk rules look at for one resource change, whatever its source (plan or synthesized diff). */
export interface ChangeFacts {
  readonly address: string;
  readonly type: string;
  readonly kind: ResourceKind;
  readonly action: ChangeAction;
  readonly before: JsonObject;
  readonly after: JsonObject;
  readonly attributes: readonly AttributeChange[];
  readonly replacePaths: readonly string[];
  /** Create-then-forget: the new object replaces the old one, which is left alive outside Terraform. */
  readonly keepsOldObject: boolean;
  /** The change deletes a deposed object left by an earlier, failed replacement. */
  readonly deposed: boolean;
}

/** A VM cloned from a template, as found elsewhere in the same plan. */
export interface CloneRef {
  readonly address: string;
  readonly linked: boolean;
  /** The clone is deleted or replaced by the same plan. */
  readonly alsoRemoved: boolean;
}

export interface RiskContext {
  readonly spec?: SpecContext;
  readonly clonesOf: (templateVmid: string) => readonly CloneRef[];
}

export interface RiskAssessment {
  readonly risk?: RiskLevel;
  readonly consequences: readonly string[];
}

const NONE: RiskAssessment = { consequences: [] };

/**
 * Decides whether a change needs a reviewer's eye and says what it means for
 * the cluster in plain words. Every delete and replace is destructive; a few
 * in-place updates are disruptive (a migration, a stopped guest, a network
 * edit on the management or corosync interface, Ceph data movement).
 */
export function assessRisk(facts: ChangeFacts, ctx: RiskContext): RiskAssessment {
  if (facts.deposed && facts.action === "delete") {
    return destructive("A leftover object from an earlier, failed replacement is deleted.");
  }
  const destructiveAction = facts.action === "delete" || facts.action === "replace";
  const specific = withProtectionRemoved(facts, byKind(facts, ctx));
  if (destructiveAction) {
    const lines = [...specific.consequences];
    if (facts.keepsOldObject) lines.push("The existing object is not destroyed: Terraform forgets it (lifecycle destroy = false), so it keeps running outside Terraform.");
    if (lines.length === 0) lines.push(facts.action === "delete" ? "The object is destroyed." : "The object is destroyed and created again.");
    return { risk: "destructive", consequences: lines };
  }
  return specific;
}

/**
 * `lifecycle.prevent_destroy` switched off (visible in synthesized output, not in a plan):
 * the next plan may destroy what it protected.
 */
function withProtectionRemoved(f: ChangeFacts, assessment: RiskAssessment): RiskAssessment {
  if (f.action !== "update" || valueAt(f.before, "lifecycle", "prevent_destroy") !== true || valueAt(f.after, "lifecycle", "prevent_destroy") === true) {
    return assessment;
  }
  return {
    risk: assessment.risk ?? "disruptive",
    consequences: [...assessment.consequences, "`prevent_destroy` is switched off: from now on a plan may destroy it without an error."],
  };
}

function byKind(f: ChangeFacts, ctx: RiskContext): RiskAssessment {
  switch (f.kind) {
    case "vm":
    case "container":
      return guest(f, ctx);
    case "ceph-pool":
      return cephPool(f);
    case "storage":
      return storage(f);
    case "zfs-pool":
      return f.action === "delete" || f.action === "replace"
        ? destructive(`The ZFS pool ${quoted(value(f, "name"))}on ${value(f, "node_name") ?? "its node"} is destroyed with everything on it: data loss unless backed up.`)
        : NONE;
    case "network-interface":
      return networkInterface(f, ctx);
    case "ha-resource":
      return haResource(f);
    case "ha-rule":
    case "ha-group":
      if (f.action === "delete") return destructive("Its placement constraints stop applying: the HA manager may place guests on nodes the rule kept them away from.");
      if (f.action === "replace") return destructive("It is deleted and created again: for a moment its placement constraints do not apply.");
      return NONE;
    case "image":
      if (f.action === "delete") return destructive("The file is removed from the storage. Guests already created from it keep their disks; re-creating them needs the file again.");
      if (f.action === "replace") return destructive("The file is deleted and downloaded or uploaded again.");
      return NONE;
    case "step":
      return step(f);
    default:
      return NONE;
  }
}

// ---- guests ---------------------------------------------------------------------

function guest(f: ChangeFacts, ctx: RiskContext): RiskAssessment {
  const what = f.kind === "container" ? "container" : "VM";
  const template = isTemplate(f.before) || isTemplate(f.after);
  const oldNode = stringAt(f.before, "node_name");
  const newNode = stringAt(f.after, "node_name");
  const nodeChanges = oldNode !== undefined && newNode !== undefined && oldNode !== newNode;

  if (template && (f.action === "delete" || f.action === "replace")) {
    const vmid = stringAt(f.before, "vm_id") ?? stringAt(f.before, "id");
    const tpl = vmid === undefined ? "The template" : `Template ${vmid}`;
    const lines = [
      f.action === "delete"
        ? `${tpl} is deleted. Linked clones need it, and Proxmox refuses to delete a template that still has linked clones: delete or fully clone them first (T1).`
        : `${tpl} is destroyed and created again: linked clones of it break, and Proxmox refuses to delete a template that still has linked clones (T1). Full clones are not affected.`,
    ];
    const clones = vmid !== undefined ? ctx.clonesOf(vmid) : [];
    if (clones.length > 0) {
      const list = clones
        .map((c) => `\`${c.address}\` (${c.linked ? "linked" : "full"} clone${c.alsoRemoved ? ", also removed by this plan" : ""})`)
        .join(", ");
      lines.push(`Clones of it in this configuration: ${list}.`);
    }
    return destructive(...lines);
  }

  if (f.action === "delete") {
    return destructive(`The ${what} and its disks are deleted: data on them is lost unless backed up.`);
  }
  if (f.action === "replace") {
    const lines: string[] = [];
    if (nodeChanges && f.replacePaths.some((p) => isPathWithin(p, "node_name"))) {
      lines.push(
        f.kind === "vm"
          ? `Moving it from ${oldNode} to ${newNode} re-creates it, because migrate is not set; with migrate = true the provider live-migrates it instead.`
          : `Moving it from ${oldNode} to ${newNode} re-creates it: the provider cannot migrate containers.`,
      );
    }
    lines.push(`The ${what} is destroyed and created again: its disks are recreated, so data on them is lost unless backed up.`);
    return destructive(...lines);
  }
  if (f.action === "update") {
    const lines: string[] = [];
    if (nodeChanges) {
      lines.push(
        `Live migration from ${oldNode} to ${newNode} (migrate = true): the ${what} keeps running while its memory, and any local disks, are copied over the migration network (M1, M2).`,
      );
    }
    if (valueAt(f.before, "started") === true && valueAt(f.after, "started") === false) {
      lines.push(`The ${what} is shut down (\`started\`: true → false).`);
    }
    if (lines.length > 0) return { risk: "disruptive", consequences: lines };
  }
  return NONE;
}

// ---- Ceph and storage ---------------------------------------------------------------

function cephPool(f: ChangeFacts): RiskAssessment {
  const name = value(f, "name");
  if (f.action === "delete") {
    return destructive(`Ceph pool ${quoted(name)}and every object in it are deleted: data loss, including the disks of guests on RBD storage backed by it.`);
  }
  if (f.action === "replace") {
    return destructive(`Ceph pool ${quoted(name)}is deleted and created empty: all data in it is lost.`);
  }
  if (f.action === "update") {
    const moved = ["size", "min_size", "pg_num", "crush_rule"].filter((key) => changed(f, key));
    if (moved.length > 0) {
      return {
        risk: "disruptive",
        consequences: [
          `Changing ${moved.map((m) => `\`${m}\``).join(", ")} makes Ceph move or re-replicate data (recovery traffic on the Ceph networks)${
            changed(f, "size") || changed(f, "min_size") ? ", and changes how many hosts may fail before I/O stops (P2, P3)" : ""
          }.`,
        ],
      };
    }
  }
  return NONE;
}

function storage(f: ChangeFacts): RiskAssessment {
  const id = value(f, "id");
  if (f.action === "delete") {
    return destructive(
      `Storage ${quoted(id)}is removed from the cluster: guest disks, backups and images on it are no longer reachable through Proxmox. Treat it as data loss unless the data is kept elsewhere.`,
    );
  }
  if (f.action === "replace") {
    return destructive(`Storage ${quoted(id)}is removed and added again: guests using it lose access to their disks during the apply.`);
  }
  if (f.action === "update" && (changed(f, "nodes") || changed(f, "disable"))) {
    return {
      risk: "disruptive",
      consequences: [`Storage ${quoted(id)}changes where it is available: guests on nodes that lose it cannot reach their disks there.`],
    };
  }
  return NONE;
}

// ---- node network (B6) -----------------------------------------------------------------

function networkInterface(f: ChangeFacts, ctx: RiskContext): RiskAssessment {
  const name = value(f, "name") ?? "the interface";
  const node = value(f, "node_name") ?? "its node";
  const cutOff = cutOffWarning(f, ctx, name, node);
  if (f.action === "delete") {
    return destructive(`${name} is removed from ${node}: traffic over it stops.`, ...(cutOff ? [cutOff] : []));
  }
  if (f.action === "replace") {
    return destructive(`${name} on ${node} is deleted and created again: traffic over it stops while ifupdown2 reloads the configuration.`, ...(cutOff ? [cutOff] : []));
  }
  if (f.action === "update" && cutOff) return { risk: "disruptive", consequences: [cutOff] };
  return NONE;
}

const CUT_OFF_ROLES = ["management", "corosync"];

function cutOffWarning(f: ChangeFacts, ctx: RiskContext, name: string, node: string): string | undefined {
  const fromSpec = ctx.spec ? rolesFromSpec(f, ctx.spec, name, node) : undefined;
  if (fromSpec) {
    const critical = fromSpec.roles.filter((r) => CUT_OFF_ROLES.includes(r));
    if (critical.length === 0) return undefined;
    return `${name} on ${node} carries the ${critical.join(" and ")} network (${fromSpec.networks.join(", ")}): a mistake here cuts the node off from the cluster and from you. Keep console access ready (B6).`;
  }
  const address = value(f, "address") ?? value(f, "address6");
  const gateway = value(f, "gateway") ?? value(f, "gateway6");
  if (!address && !gateway) return undefined;
  const carries = [address ? `address ${address}` : "", gateway ? `gateway ${gateway}` : ""].filter(Boolean).join(", ");
  return `${name} on ${node} carries a node address (${carries}): if it is the management or corosync interface, a mistake here cuts the node off. Keep console access ready (B6).`;
}

function rolesFromSpec(f: ChangeFacts, spec: SpecContext, name: string, node: string): InterfaceRoles | undefined {
  const byInterface = spec.interfaceRoles.get(`${node}/${name}`);
  if (byInterface) return byInterface;
  for (const values of [f.after, f.before]) {
    const address = stringAt(values, "address")?.split("/")[0];
    const match = address ? spec.addressRoles.get(address) : undefined;
    if (match) return match;
  }
  return undefined;
}

// ---- HA ----------------------------------------------------------------------------------

function haResource(f: ChangeFacts): RiskAssessment {
  const id = value(f, "resource_id") ?? "The guest";
  if (f.action === "delete") {
    return destructive(`${id} is no longer managed by HA: it will not be restarted on another node when its node fails.`);
  }
  if (f.action === "replace") {
    return destructive(`${id} leaves HA and is added again: the HA manager may restart or move it.`);
  }
  if (f.action === "update" && changed(f, "state")) {
    const before = stringAt(f.before, "state") ?? "started";
    const after = stringAt(f.after, "state") ?? "started";
    return { risk: "disruptive", consequences: [`HA state ${before} → ${after}: ${HA_STATE_EFFECT[after] ?? `the HA manager applies the new state to ${id}.`}`.replace("$id", id)] };
  }
  return NONE;
}

/** What the HA manager does when a resource enters a state (ha-manager.adoc, resource states). */
const HA_STATE_EFFECT: Record<string, string> = {
  started: "the HA manager starts $id and restarts or moves it on failure.",
  stopped: "the HA manager shuts $id down and keeps it stopped.",
  disabled: "the HA manager stops $id and keeps it stopped, without recovering it on failure.",
  ignored: "the HA manager stops managing $id; it keeps its current state.",
};

// ---- bootstrap steps (terraform_data) ---------------------------------------------------

function rerun(node: string): string {
  return `The step's script runs again on ${node}. Scripts check first: work already done is skipped, and a node set up differently (another cluster name, other Ceph networks) stops the script with an error, so changed parameters take effect only where nothing was done yet (a fresh node, a new device).`;
}

function stepImpact(step: string, f: ChangeFacts): string | undefined {
  const node = stringAt(f.after, "input", "node") ?? stringAt(f.before, "input", "node") ?? "its node";
  switch (step) {
    case "cluster-create":
    case "cluster-join":
      return `Corosync membership of ${node} is at stake: changing a member's link addresses or the cluster name is a manual corosync.conf edit that briefly costs quorum (N1, N2, C11, C13); a reinstalled node joins again and the expected votes change (Q1).`;
    case "qdevice":
      return "The QDevice vote is involved: while it is missing, expected votes drop and an even-node cluster cannot lose a node without losing quorum (Q3, Q5).";
    case "ceph-init":
      return "Ceph's networks are involved: moving a running Ceph cluster to other networks is a manual procedure; monitors keep their addresses.";
    case "ceph-mon":
      return `The Ceph monitor on ${node} is involved: if a majority of monitors is down, all Ceph I/O stops.`;
    case "ceph-mgr":
      return `The Ceph manager on ${node} is involved: with no active manager, status reporting and the PG autoscaler stop.`;
    case "ceph-mds":
      return `The CephFS metadata server on ${node} is involved: CephFS pauses while no metadata server is active.`;
    case "ceph-osd": {
      const device = stringAt(f.after, "input", "device") ?? stringAt(f.before, "input", "device");
      return `The Ceph OSD on ${node}${device ? ` (${device})` : ""} is involved: an OSD created on a new device starts empty and Ceph rebalances data onto it; an OSD on a device that is no longer listed is not removed (that is a manual \`pveceph osd destroy\`, and with too few replicas elsewhere it loses data).`;
    }
    case "ceph-crush-rule":
      return "A CRUSH rule is involved: pools that use it move their data.";
    case "ceph-install":
      return `Ceph packages on ${node} are involved: a different version or repository upgrades Ceph on that node.`;
    case "rbd-storage":
      return "An RBD storage definition is involved: guests with disks on it depend on it.";
    default:
      return undefined;
  }
}

/** Steps that only wait or install packages: running them again is harmless. */
const HARMLESS_STEPS = new Set(["cluster-quorum-wait", "ceph-health-wait", "qdevice-client-install", "qnetd-install"]);

function step(f: ChangeFacts): RiskAssessment {
  const values = f.action === "delete" ? f.before : f.after;
  const kind = stepKind(values) ?? stepKind(f.before);
  if (kind === undefined) return genericData(f);
  const node = stringAt(values, "input", "node") ?? "its node";
  if (f.action === "delete") {
    const lines = [`Terraform only forgets this ${kind} step: pvecdk steps have no destroy action, so nothing is undone on ${node}.`];
    if (kind === "cluster-create" || kind === "cluster-join") {
      lines.push("Taking a node out of the cluster is a manual procedure: drain it, power it off, then `pvecm delnode` (N7).");
    } else if (kind === "qdevice") {
      lines.push("Removing the QDevice is a manual `pvecm qdevice remove`, needed before nodes are added or removed (Q5).");
    } else if (kind === "ceph-mon" || kind === "ceph-mgr" || kind === "ceph-mds" || kind === "ceph-osd") {
      lines.push("Removing a Ceph daemon or OSD is a manual `pveceph` task (for example `pveceph mon destroy`, `pveceph osd destroy`).");
    } else if (kind === "rbd-storage") {
      lines.push("The storage stays defined on the cluster; if the pool behind it is deleted too, its data is lost.");
    }
    return destructive(...lines);
  }
  if (HARMLESS_STEPS.has(kind)) {
    return f.action === "replace" ? destructive(`The ${kind} step runs again on ${node}; it only waits or installs packages, which is harmless.`) : NONE;
  }
  const impact = stepImpact(kind, f);
  if (f.action === "replace") return destructive(rerun(node), ...(impact ? [impact] : []));
  if (f.action === "update") {
    return {
      risk: "disruptive",
      consequences: [
        `Only the recorded parameters of this ${kind} step change: its script does not run again, so ${node} keeps its current setup.`,
        ...(impact ? [impact] : []),
      ],
    };
  }
  return NONE;
}

function genericData(f: ChangeFacts): RiskAssessment {
  const storageLike = looksLikeRbdStorage(f.address, f.action === "delete" ? f.before : f.after);
  if (f.action === "delete") {
    return destructive(
      "Terraform forgets this terraform_data; destroy-time provisioners, if it has any, run now.",
      ...(storageLike ? ["It looks like it manages RBD storage: if its destroy action removes the storage, guests lose their disks on it. Treat it as data loss."] : []),
    );
  }
  if (f.action === "replace") {
    return destructive(
      "It is replaced, so its provisioners run again.",
      ...(storageLike ? ["It looks like it manages RBD storage: guests with disks on that storage depend on it."] : []),
    );
  }
  return NONE;
}

// ---- helpers -----------------------------------------------------------------------------

function destructive(...consequences: string[]): RiskAssessment {
  return { risk: "destructive", consequences };
}

function changed(f: ChangeFacts, path: string): boolean {
  return f.attributes.some((a) => isPathWithin(a.path, path));
}

/** An attribute from the side of the change that still exists. */
function value(f: ChangeFacts, ...keys: string[]): string | undefined {
  return stringAt(f.before, ...keys) ?? stringAt(f.after, ...keys);
}

/** `"name" ` (with the space that follows it in a sentence), or nothing when the name is unknown. */
function quoted(text: string | undefined): string {
  return text === undefined ? "" : `"${text}" `;
}
