import { pointer } from "../../model/findings";
import { Rule } from "../rule";
import { finding } from "./support";

/**
 * Q5: while a QDevice is configured, PVE refuses to add or remove nodes; the QDevice
 * has to be removed first and set up again afterwards (only if the count is even then).
 */
export const qdeviceMembershipChanges: Rule = {
  id: "Q5",
  title: "Membership changes with a QDevice need it removed first",
  check(model) {
    if (!model.hasQDevice()) return [];
    return [
      finding(
        "Q5",
        "info",
        pointer("spec", "corosync", "qdevice"),
        `With a QDevice configured, adding or removing a node needs the QDevice removed first and set up again afterwards (and only if the new node count is even).`,
        `When you change 'nodes', plan for a short window without the QDevice vote; avoid node maintenance during it.`,
      ),
    ];
  },
};
