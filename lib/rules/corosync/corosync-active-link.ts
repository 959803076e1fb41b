import { pointer } from "../../model/findings";
import { Rule } from "../rule";
import { finding } from "./support";

/**
 * C6: knet sends corosync traffic over one link at a time: the highest `priority`, and
 * among equal priorities the lowest link number. The others only take over on failure.
 * Saying which is which makes wrong priorities visible in the review.
 */
export const corosyncActiveLink: Rule = {
  id: "C6",
  title: "Which corosync link carries the traffic",
  check(model) {
    const links = model.linksByPreference();
    if (links.length === 0) return [];
    const [primary, ...rest] = links;
    const describe = (l: (typeof links)[number]) => `link ${l.id} on '${l.network}' (priority ${l.priority ?? 0})`;
    const order = rest.length > 0 ? ` If it fails, traffic moves to ${rest.map(describe).join(", then ")}.` : "";
    const tie = rest.some((l) => (l.priority ?? 0) === (primary.priority ?? 0)) ? " Links with equal priority are preferred by lower link number." : "";
    return [
      finding(
        "C6",
        "info",
        pointer("spec", "corosync", "links"),
        `Corosync traffic runs over ${describe(primary)} only.${order}${tie}`,
        `To change which link carries the traffic, give the link you want the highest 'priority'.`,
      ),
    ];
  },
};
