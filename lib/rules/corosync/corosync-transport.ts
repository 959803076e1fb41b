import { pointer } from "../../model/findings";
import { Rule } from "../rule";
import { finding } from "./support";

/**
 * C7: PVE clusters use the knet transport. The older udp/udpu transports turn off
 * encryption and authentication of cluster traffic and support a single link only, so
 * redundancy is gone. With one link that is a warning; with several links the extra
 * links cannot work at all, so it is an error.
 */
export const corosyncTransport: Rule = {
  id: "C7",
  title: "Corosync uses the knet transport",
  check(model) {
    const transport: unknown = model.body.corosync?.transport;
    if (transport === undefined || transport === "knet") return [];
    const links = Array.isArray(model.body.corosync?.links) ? model.body.corosync.links.length : 0;
    const multi = links > 1;
    return [
      finding(
        "C7",
        multi ? "error" : "warning",
        pointer("spec", "corosync", "transport"),
        multi
          ? `Transport '${String(transport)}' supports only one link, but ${links} are declared; it also turns off encryption of cluster traffic.`
          : `Transport '${String(transport)}' turns off encryption and authentication of cluster traffic and cannot use redundant links; the Proxmox docs advise against it.`,
        `Remove 'transport' (knet is the default), unless the network truly cannot carry knet; then acknowledge C7.`,
      ),
    ];
  },
};
