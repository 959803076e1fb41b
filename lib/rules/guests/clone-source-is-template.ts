import { Rule, RuleFinding } from "../rule";
import { finding, quoted } from "./support";

/**
 * T1: pvecdk clones VMs only from declared templates; a linked clone in particular
 * shares the template's base volume, which only a template (read-only) provides.
 */
export const cloneSourceIsTemplate: Rule = {
  id: "T1",
  title: "Clones name a declared template; linked clones need one",
  check(model) {
    const out: RuleFinding[] = [];
    const templates = model.templatesByName();
    const vms = model.vmsByName();
    (model.body.vms ?? []).forEach((vm, i) => {
      const path = `/spec/vms/${i}`;
      if (vm.template === undefined) {
        if (vm.clone === "linked") {
          out.push(
            finding(
              "T1",
              "error",
              `${path}/clone`,
              `VM '${vm.name}' asks for a linked clone but names no template; a linked clone shares a template's base disk, so there is nothing to link to.`,
              `Set 'template' to one of ${quoted([...templates.keys()]) || "your templates"}, or drop 'clone: linked'.`,
            ),
          );
        }
        return;
      }
      if (templates.has(vm.template)) return;
      out.push(
        finding(
          "T1",
          "error",
          `${path}/template`,
          vms.has(vm.template)
            ? `VM '${vm.name}' is cloned from '${vm.template}', which is a VM, not a template; pvecdk clones only templates (and linked clones require one).`
            : `VM '${vm.name}' is cloned from template '${vm.template}', which is not declared.`,
          vms.has(vm.template)
            ? `Declare '${vm.template}' under templates (from a cloud image) and clone that.`
            : `Declare template '${vm.template}' or use one of ${quoted([...templates.keys()]) || "your templates"}.`,
        ),
      );
    });
    return out;
  },
};
