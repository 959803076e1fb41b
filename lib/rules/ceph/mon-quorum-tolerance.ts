import { pointer } from "../../model/findings";
import { Rule } from "../rule";
import { finding, plural } from "../guests/support";

/**
 * CD10: Ceph, like corosync, needs a majority of its monitors; below it, all Ceph I/O
 * stops even if corosync still has quorum. Said once, next to the corosync figure (Q1).
 */
export const monQuorumTolerance: Rule = {
  id: "CD10",
  title: "How many monitor failures Ceph survives (note)",
  check(model) {
    if (!model.cephEnabled()) return [];
    const mons = model.monNodes().length;
    if (mons === 0) return []; // CD2 reports that
    const majority = Math.floor(mons / 2) + 1;
    const tolerated = mons - majority;
    return [
      finding(
        "CD10",
        "info",
        pointer("spec", "ceph"),
        `Ceph has ${plural(mons, "monitor")} and needs ${majority} of them up: ${tolerated === 0 ? "it stops all I/O as soon as any MON node is down" : `it keeps serving with ${plural(tolerated, "MON node")} down and stops all I/O beyond that`}.`,
        tolerated === 0 ? `Run three monitors on different nodes so that one node can fail.` : `Plan maintenance so that no more than ${tolerated === 1 ? "one MON node is" : `${tolerated} MON nodes are`} down at a time.`,
      ),
    ];
  },
};
