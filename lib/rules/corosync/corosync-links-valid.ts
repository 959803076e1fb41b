import { pointer } from "../../model/findings";
import { Rule, RuleFinding } from "../rule";
import { finding, plural } from "./support";

/** Corosync (knet) supports link0 … link7. */
export const MAX_LINKS = 8;

/**
 * C4: corosync knows at most eight links, numbered 0–7, each number once; every link
 * must run on a declared network, and in a single-link cluster every node needs an
 * address on it (multi-link clusters: C10).
 */
export const corosyncLinksValid: Rule = {
  id: "C4",
  title: "At most eight corosync links, numbered 0–7, each on a declared network",
  check(model) {
    const out: RuleFinding[] = [];
    const links = Array.isArray(model.body.corosync?.links) ? model.body.corosync.links : [];
    if (links.length === 0) {
      out.push(
        finding(
          "C4",
          "error",
          pointer("spec", "corosync", "links"),
          `No corosync link is declared, so the nodes have no network to form the cluster over.`,
          `Add at least one link, e.g. { id: 0, network: <a network with the 'corosync' role> }.`,
        ),
      );
      return out;
    }
    if (links.length > MAX_LINKS) {
      out.push(
        finding(
          "C4",
          "error",
          pointer("spec", "corosync", "links", MAX_LINKS),
          `${plural(links.length, "corosync link")} are declared; corosync supports at most ${MAX_LINKS} (link0 to link7).`,
          `Keep at most ${MAX_LINKS} links; two or three on separate physical networks already give full redundancy.`,
        ),
      );
    }
    const firstById = new Map<number, number>();
    links.forEach((link, i) => {
      const id: unknown = link.id;
      if (typeof id !== "number" || !Number.isInteger(id) || id < 0 || id >= MAX_LINKS) {
        out.push(
          finding(
            "C4",
            "error",
            pointer("spec", "corosync", "links", i, "id"),
            `Corosync link number ${String(id)} is not valid; corosync numbers links 0 to ${MAX_LINKS - 1}.`,
            `Use an unused number from 0 to ${MAX_LINKS - 1}.`,
          ),
        );
      } else if (firstById.has(id)) {
        out.push(
          finding(
            "C4",
            "error",
            pointer("spec", "corosync", "links", i, "id"),
            `Link number ${id} is used twice (also by /spec/corosync/links/${firstById.get(id)}); corosync would see only one of the two links.`,
            `Give every link its own number from 0 to ${MAX_LINKS - 1}.`,
          ),
        );
      } else {
        firstById.set(id, i);
      }
      if (!model.network(link.network)) {
        out.push(
          finding(
            "C4",
            "error",
            pointer("spec", "corosync", "links", i, "network"),
            `Corosync link ${String(id)} names network '${link.network}', which is not declared under 'networks'.`,
            `Declare the network, or point the link at an existing network with the 'corosync' role.`,
          ),
        );
      }
    });
    if (links.length === 1 && model.network(links[0].network)) {
      const missing = model.nodes.filter((n) => n.addresses?.[links[0].network] === undefined);
      for (const node of missing) {
        out.push(
          finding(
            "C4",
            "error",
            model.nodePath(node.name, "addresses"),
            `Node '${node.name}' has no address on network '${links[0].network}', the only corosync link, so it cannot join the cluster.`,
            `Add '${links[0].network}: <ip>' to the addresses of '${node.name}'.`,
          ),
        );
      }
    }
    return out;
  },
};

