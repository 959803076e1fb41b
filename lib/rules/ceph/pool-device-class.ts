import { Rule } from "../rule";
import { finding, quoted } from "../guests/support";
import { poolPath } from "./pool-paths";

/**
 * P9: a pool restricted to a device class uses its own CRUSH rule
 * (`ceph osd crush rule create-replicated <name> default <domain> <class>`). Changing the
 * class, or adding or removing it later, switches the rule, and Ceph then moves every
 * object of the pool. Said once as a note when any pool names a class.
 */
export const poolDeviceClass: Rule = {
  id: "P9",
  title: "Changing a pool's device class moves all its data (note)",
  check(model) {
    const pools = model.pools().filter((p) => p.spec.deviceClass !== undefined);
    if (pools.length === 0) return [];
    return [
      finding(
        "P9",
        "info",
        poolPath(pools[0], "deviceClass"),
        `${quoted(pools.map((p) => p.name))} ${pools.length === 1 ? "is" : "are"} restricted to a device class through a CRUSH rule. Changing or removing the class later switches the rule, and Ceph then moves all of the pool's data, which loads disks and network for hours.`,
        `Settle device classes before filling the pools; if you must change one, do it in a quiet period and watch the rebalance.`,
      ),
    ];
  },
};
