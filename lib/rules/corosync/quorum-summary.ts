import { pointer } from "../../model/findings";
import { Rule } from "../rule";
import { finding, plural } from "./support";

/**
 * Q1: the votequorum arithmetic, spelled out for the review: expected votes, the
 * majority needed, and how many nodes can fail before the cluster turns read-only.
 */
export const quorumSummary: Rule = {
  id: "Q1",
  title: "Quorum arithmetic",
  check(model) {
    if (model.nodes.length === 0) return [];
    const q = model.quorum();
    const qdevice = q.qdeviceVotes > 0 ? ` + ${plural(q.qdeviceVotes, "QDevice vote")}` : "";
    return [
      finding(
        "Q1",
        "info",
        pointer("spec", "nodes"),
        `${plural(model.nodes.length, "node")} with ${plural(q.nodeVotes, "vote")}${qdevice} = ${q.expectedVotes} expected; quorum needs ${q.quorum}, ${q.toleratedNodeFailures === 0 ? "so a single node down already costs quorum" : `so the cluster stays writable with up to ${plural(q.toleratedNodeFailures, "node")} down`}. Without quorum /etc/pve is read-only and no guest can be started or changed.`,
        q.toleratedNodeFailures === 0
          ? `Add nodes (or a QDevice for an even node count) so that the cluster survives a node failure.`
          : `Nothing to change; keep this in mind for maintenance (take down at most ${plural(q.toleratedNodeFailures, "node")} at a time).`,
      ),
    ];
  },
};
