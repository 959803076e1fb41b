import { Rule, RuleFinding } from "../rule";
import { finding } from "../guests/support";
import { poolFieldPath } from "./pool-paths";

/**
 * P2: with min_size 1 a pool accepts writes while only one copy exists. If that disk then
 * fails, or the other copies come back with older data, writes are lost and PGs stay
 * incomplete. Proxmox and Ceph both advise against it; acknowledging P2 is the way to insist.
 */
export const poolMinSizeOne: Rule = {
  id: "P2",
  title: "Pool minSize 1 needs an explicit acknowledgement",
  check(model) {
    const out: RuleFinding[] = [];
    for (const pool of model.pools()) {
      if (pool.minSize !== 1) continue;
      out.push(
        finding(
          "P2",
          "error",
          poolFieldPath(pool, "minSize"),
          `Pool '${pool.name}' has minSize 1: it keeps accepting writes with a single copy left, so one more failure, or a stale copy coming back, loses data and leaves PGs incomplete or objects unfound.`,
          `Use minSize 2 with size 3. If you accept the risk (e.g. a lab), acknowledge rule P2 with a reason.`,
        ),
      );
    }
    return out;
  },
};
