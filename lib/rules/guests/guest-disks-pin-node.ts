import { SHARED_STORAGE_TYPES } from "../../model/model";
import { Rule, RuleFinding } from "../rule";
import { finding, quoted } from "./support";

/**
 * M2: migration, even offline, needs each disk's storage defined on both nodes. A VM
 * whose local storage exists on no other node cannot leave its node: maintenance on that
 * node means downtime. (HA guests are checked by H2/S3.)
 */
export const guestDisksPinNode: Rule = {
  id: "M2",
  title: "Guests are not stuck on one node by their disks' storage",
  check(model) {
    const out: RuleFinding[] = [];
    if (model.nodes.length < 2) return out;
    const storages = model.storageIndex();
    for (const guest of model.guests()) {
      if (guest.kind !== "vm" || guest.spec.ha !== undefined || !model.node(guest.spec.node)) continue;
      const refs = model.guestStorageRefs(guest);
      if (refs.length === 0) continue;
      let targets: Set<string> | undefined; // nodes where every storage of the guest exists
      const pinning: string[] = [];
      for (const ref of refs) {
        const s = storages.get(ref.storage);
        if (!s) continue; // S3 reports it
        if (SHARED_STORAGE_TYPES.has(s.type) && s.nodes === undefined) continue;
        const nodes = new Set((s.nodes ?? model.nodes.map((n) => n.name)).filter((n) => n !== guest.spec.node));
        if (nodes.size === 0) pinning.push(ref.storage);
        targets = targets ? new Set([...targets].filter((n) => nodes.has(n))) : nodes;
      }
      if (targets === undefined || targets.size > 0) continue;
      const first = refs.find((r) => pinning.includes(r.storage)) ?? refs[0];
      out.push(
        finding(
          "M2",
          "warning",
          first.path,
          pinning.length > 0
            ? `VM '${guest.spec.name}' keeps volumes on ${quoted([...new Set(pinning)])}, defined only on '${guest.spec.node}'; it cannot be migrated to any other node, even offline, so maintenance on '${guest.spec.node}' means downtime for it.`
            : `VM '${guest.spec.name}' uses storages whose node lists have no node in common besides '${guest.spec.node}'; it cannot be migrated anywhere, even offline.`,
          `Put the VM's volumes on shared storage, or define its storages on at least one more node, or acknowledge M2 if the VM is meant to stay on '${guest.spec.node}'.`,
        ),
      );
    }
    return out;
  },
};
