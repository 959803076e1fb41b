import { Rule, RuleFinding } from "../rule";
import { finding, quoted } from "./support";

/**
 * C10: in a cluster with several links, each node's entry in corosync.conf needs an
 * address for every link, and `pvecm add` must be given all of them; the hostname
 * fallback only works for single-link clusters (those are C4's case).
 */
export const corosyncLinkAddressesOnEveryNode: Rule = {
  id: "C10",
  title: "In a multi-link cluster every node has an address on every link network",
  check(model) {
    const links = model.linksByPreference().filter((l) => model.network(l.network));
    if ((model.body.corosync?.links?.length ?? 0) < 2 || links.length === 0) return [];
    const out: RuleFinding[] = [];
    for (const node of model.nodes) {
      const missing = links.filter((l) => node.addresses?.[l.network] === undefined);
      if (missing.length === 0) continue;
      const names = missing.map((l) => `link ${l.id} ('${l.network}')`);
      out.push(
        finding(
          "C10",
          "error",
          model.nodePath(node.name, "addresses"),
          `Node '${node.name}' has no address for ${names.join(", ")}; in a multi-link cluster every node needs an address on every link, or it cannot join.`,
          `Add ${quoted(missing.map((l) => `${l.network}: <ip>`))} to the addresses of '${node.name}', or remove the link from the cluster.`,
        ),
      );
    }
    return out;
  },
};
