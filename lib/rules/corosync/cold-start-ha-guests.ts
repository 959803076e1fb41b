import { Rule } from "../rule";
import { finding, plural, quoted } from "./support";

/**
 * Q8: after a full power loss, guests marked to start on boot wait until the cluster is
 * quorate again; HA guests start only once enough nodes are back. Worth knowing when
 * planning power (a UPS) for an HA cluster.
 */
export const coldStartHaGuests: Rule = {
  id: "Q8",
  title: "On a cold start, HA and on-boot guests wait for quorum",
  check(model) {
    const waiting = model.haVms().filter((g) => g.spec.onBoot === true);
    if (waiting.length === 0) return [];
    const q = model.quorum();
    return [
      finding(
        "Q8",
        "info",
        `${waiting[0].path}/onBoot`,
        `${plural(waiting.length, "HA guest")} (${quoted(waiting.map((g) => g.spec.name), 3)}) start on boot; after a cluster-wide power loss they wait until ${plural(q.quorum, "vote")} of ${q.expectedVotes} are back, so nothing starts while too few nodes are up.`,
        `Put the nodes on a UPS and power them up together after an outage; HA starts the guests once quorum is reached.`,
      ),
    ];
  },
};
