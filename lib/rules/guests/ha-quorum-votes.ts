import { Rule } from "../rule";
import { finding, plural, quoted } from "./support";

/**
 * H1: HA recovers a guest only inside the quorate partition. With fewer than three
 * votes, losing one node loses quorum for everyone, so HA can never fail anything over
 * (and nodes running HA guests fence themselves).
 */
export const haQuorumVotes: Rule = {
  id: "H1",
  title: "HA guests need at least three quorum votes",
  check(model) {
    const ha = model.haVms();
    if (ha.length === 0) return [];
    const q = model.quorum();
    if (q.expectedVotes >= 3) return [];
    return [
      finding(
        "H1",
        "error",
        `${ha[0].path}/ha`,
        `${plural(ha.length, "guest")} (${quoted(ha.map((g) => g.spec.name), 3)}) ${ha.length === 1 ? "is" : "are"} under HA, but the cluster has only ${plural(q.expectedVotes, "vote")}: when a node fails the rest has no quorum, so HA cannot recover anything.`,
        model.nodes.length % 2 === 0
          ? `Add a QDevice (corosync.qdevice) for a third vote, or a third node.`
          : `Add nodes until there are at least three votes, or remove 'ha' from the guests.`,
      ),
    ];
  },
};
