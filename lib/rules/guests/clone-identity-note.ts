import { pointer } from "../../model/findings";
import { Rule, RuleFinding } from "../rule";
import { finding, plural } from "./support";

/** T5: clones get fresh MAC addresses and SMBIOS UUIDs; said once per template that has clones. */
export const cloneIdentityNote: Rule = {
  id: "T5",
  title: "Clones get new MAC addresses and SMBIOS UUIDs (note)",
  check(model) {
    const clones = new Map<string, number>();
    for (const vm of model.body.vms ?? []) {
      if (vm.template !== undefined) clones.set(vm.template, (clones.get(vm.template) ?? 0) + 1);
    }
    const out: RuleFinding[] = [];
    (model.body.templates ?? []).forEach((t, i) => {
      const n = clones.get(t.name);
      if (!n) return;
      out.push(
        finding(
          "T5",
          "info",
          pointer("spec", "templates", i),
          `${plural(n, "VM")} ${n === 1 ? "is" : "are"} cloned from template '${t.name}'; each clone gets new MAC addresses and a new SMBIOS UUID, so nothing may rely on the template's.`,
          `Key DHCP reservations and inventories on the clone's VMID or name, not on the template's MAC.`,
        ),
      );
    });
    return out;
  },
};
