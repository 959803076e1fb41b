import { pointer } from "../../model/findings";
import { Rule } from "../rule";
import { finding } from "./support";

/** What `pvecm create` accepts: 1–15 letters, digits and inner hyphens. */
const CLUSTER_NAME = /^(?=.{1,15}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/**
 * N2: the cluster name goes into corosync.conf and cannot be changed once the cluster
 * exists, so a name pvecm rejects must be caught before the first apply.
 */
export const clusterName: Rule = {
  id: "N2",
  title: "Cluster name is valid for pvecm (it cannot be changed later)",
  check(model) {
    const name: unknown = model.body.name;
    if (typeof name === "string" && CLUSTER_NAME.test(name)) return [];
    const shown = typeof name === "string" ? `'${name}'` : "missing";
    const why =
      typeof name !== "string" || name.length === 0
        ? "no name is set"
        : name.length > 15
          ? `it has ${name.length} characters and pvecm allows at most 15`
          : "pvecm only allows letters, digits and hyphens, and no hyphen at either end";
    return [
      finding(
        "N2",
        "error",
        pointer("spec", "name"),
        `The cluster name ${shown} cannot be used: ${why}. The name is fixed when the cluster is created and cannot be changed afterwards.`,
        `Pick a final name of 1 to 15 letters, digits and inner hyphens (e.g. 'lab' or 'pve-prod'), unique among the clusters on this network.`,
      ),
    ];
  },
};
