import { Rule, RuleFinding } from "../rule";
import { finding } from "./support";

/** PVE's dns-name format for guest names: dot-separated labels of letters, digits and inner hyphens. */
const DNS_NAME = /^([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?\.)*[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;

/**
 * V5 (added by pvecdk): the spec refers to templates and VMs by name (clone sources, HA
 * rules), so names must be unique; PVE also requires them to be valid DNS names.
 */
export const guestNameUnique: Rule = {
  id: "V5",
  title: "Guest names are unique, valid DNS names",
  check(model) {
    const out: RuleFinding[] = [];
    const seen = new Map<string, string>();
    for (const guest of model.guests()) {
      const name = guest.spec.name;
      if (typeof name !== "string") continue;
      if (!DNS_NAME.test(name)) {
        out.push(
          finding(
            "V5",
            "error",
            `${guest.path}/name`,
            `'${name}' is not a valid guest name: PVE requires a DNS name (letters, digits and inner hyphens, dot-separated).`,
            `Rename the ${guest.kind}, e.g. '${name.replace(/[^a-zA-Z0-9.-]+/g, "-").replace(/^-+|-+$/g, "") || "guest1"}'.`,
          ),
        );
      }
      const first = seen.get(name);
      if (first === undefined) {
        seen.set(name, guest.kind);
        continue;
      }
      out.push(
        finding(
          "V5",
          "error",
          `${guest.path}/name`,
          `The name '${name}' is used by more than one guest (a ${first} and a ${guest.kind}); clone sources and HA rules refer to guests by name, so the reference would be ambiguous.`,
          `Give every VM and template its own name.`,
        ),
      );
    }
    return out;
  },
};
