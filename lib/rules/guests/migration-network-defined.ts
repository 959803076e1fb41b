import { pointer } from "../../model/findings";
import { Rule } from "../rule";
import { finding } from "./support";

/**
 * M5: without a migration network PVE sends migration traffic over the cluster
 * (corosync) network; a migration saturating that link delays corosync packets and can
 * cost quorum, which with HA means fencing.
 */
export const migrationNetworkDefined: Rule = {
  id: "M5",
  title: "Migration traffic has its own network",
  check(model) {
    if (model.nodes.length < 2 || model.body.migration?.network !== undefined) return [];
    const link = model.primaryLink();
    const over = link ? `network '${link.network}' (corosync link ${link.id})` : "the corosync network";
    return [
      finding(
        "M5",
        "warning",
        model.body.migration ? pointer("spec", "migration") : pointer("spec"),
        `No migration network is set, so migrations run over ${over}; a migration filling that link delays corosync and can cost quorum.`,
        `Add a network with the 'migration' role, give every node an address on it, and set 'migration.network' to it.`,
      ),
    ];
  },
};
