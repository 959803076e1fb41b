import { Rule } from "../rule";
import { finding } from "../guests/support";

/**
 * CD3: a majority of an even number of monitors tolerates no more failures than one
 * monitor fewer (2 tolerate 0, 4 tolerate 1), while one more monitor can fail.
 */
export const monCountOdd: Rule = {
  id: "CD3",
  title: "The number of Ceph monitors is odd",
  check(model) {
    if (!model.cephEnabled()) return [];
    const mons = model.monNodes();
    if (mons.length === 0 || mons.length % 2 !== 0) return [];
    const last = mons[mons.length - 1];
    const tolerated = Math.floor((mons.length - 1) / 2);
    return [
      finding(
        "CD3",
        "warning",
        model.nodePath(last.name, "ceph", "mon"),
        `Ceph has ${mons.length} monitors, an even number: they ${tolerated === 0 ? "cannot lose any monitor" : `survive only ${tolerated} monitor failure${tolerated === 1 ? "" : "s"}`}, no better than ${mons.length - 1} would, yet there is one more monitor that can fail.`,
        `Run ${mons.length + 1} monitors (add one on another node) or ${mons.length - 1} (remove the one on '${last.name}').`,
      ),
    ];
  },
};
