import { Rule, RuleFinding } from "../rule";
import { finding } from "../guests/support";
import { nodesPossiblyWithClass, poolFieldPath, poolPath } from "./pool-paths";

/**
 * P5: with failure domain `osd`, CRUSH only keeps copies on different disks, so several
 * copies can land on one host and a single host failure can take every copy of some
 * objects. That is only reasonable when there is one host. A failure domain other than
 * `host` needs a CRUSH rule, which pvecdk builds per device class: without `deviceClass`
 * the synthesizer refuses the pool (pvecdk).
 */
export const poolFailureDomain: Rule = {
  id: "P5",
  title: "Failure domain osd only on a single host; other non-host domains name a device class",
  check(model) {
    const out: RuleFinding[] = [];
    if (!model.cephEnabled()) return out;
    for (const pool of model.pools()) {
      const cls = pool.spec.deviceClass;
      if (pool.failureDomain === "osd") {
        const hosts = nodesPossiblyWithClass(model, cls).length;
        if (hosts > 1) {
          out.push(
            finding(
              "P5",
              "warning",
              poolPath(pool, "failureDomain"),
              `Pool '${pool.name}' uses failure domain 'osd' on a cluster with ${hosts} OSD hosts: copies only go to different disks, so one host can hold every copy of some objects and its failure loses them.`,
              `Use failure domain 'host' (the default); keep 'osd' only for a single-host setup.`,
            ),
          );
        }
      }
      if (pool.spec.erasureCoding === undefined && pool.failureDomain !== "host" && cls === undefined) {
        out.push(
          finding(
            "P5",
            "error",
            poolFieldPath(pool, "failureDomain"),
            `Pool '${pool.name}' asks for failure domain '${pool.failureDomain}' without a deviceClass; pvecdk creates the CRUSH rule for a non-default failure domain per device class, so it cannot build this pool.`,
            `Add 'deviceClass' (hdd, ssd or nvme) to pool '${pool.name}', or use failure domain 'host'.`,
          ),
        );
      }
    }
    return out;
  },
};
