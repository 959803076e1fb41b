import { Rule } from "../rule";
import { finding, plural } from "./support";

/** H3: what HA does to nodes, said once whenever HA is used. */
export const haFencingNote: Rule = {
  id: "H3",
  title: "HA fences nodes that lose quorum (note)",
  check(model) {
    const ha = model.haVms();
    if (ha.length === 0) return [];
    return [
      finding(
        "H3",
        "info",
        `${ha[0].path}/ha`,
        `${plural(ha.length, "guest")} run under HA. A node running HA guests arms a watchdog (hardware if configured, else softdog) and resets itself about 60 s after losing quorum; the guests restart elsewhere, typically about 2 minutes after the failure.`,
        `Give corosync a reliable, redundant network (see C2/C5) and configure a hardware watchdog via WATCHDOG_MODULE in /etc/default/pve-ha-manager if the nodes have one.`,
      ),
    ];
  },
};
