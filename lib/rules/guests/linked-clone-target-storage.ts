import { Rule, RuleFinding } from "../rule";
import { finding } from "./support";

/** T2: a linked clone's disks are thin children of the template's volumes, so they stay on the template's storage. */
export const linkedCloneTargetStorage: Rule = {
  id: "T2",
  title: "Linked clones do not set a target storage",
  check(model) {
    const out: RuleFinding[] = [];
    (model.body.vms ?? []).forEach((vm, i) => {
      if (vm.clone !== "linked" || vm.storage === undefined) return;
      const template = model.templateOf(vm);
      if (template && template.spec.storage === vm.storage) return; // not a change of storage
      out.push(
        finding(
          "T2",
          "error",
          `/spec/vms/${i}/storage`,
          `VM '${vm.name}' is a linked clone with target storage '${vm.storage}'${template ? `, but its template lives on '${template.spec.storage}'` : ""}; a linked clone cannot change storage because its disks are children of the template's volumes.`,
          `Drop 'storage' from '${vm.name}', or make it a full clone ('clone: full').`,
        ),
      );
    });
    return out;
  },
};
