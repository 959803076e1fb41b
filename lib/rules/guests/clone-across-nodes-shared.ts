import { SHARED_STORAGE_TYPES } from "../../model/model";
import { Rule, RuleFinding } from "../rule";
import { finding } from "./support";

/**
 * T3: cloning onto another node than the template's is done by the template's node and
 * needs the template's disks on shared storage that the target node also has; the
 * clone's own disks must land on shared storage too ("Can't clone to non-shared storage").
 */
export const cloneAcrossNodesShared: Rule = {
  id: "T3",
  title: "Clones on another node than their template use shared storage",
  check(model) {
    const out: RuleFinding[] = [];
    const storages = model.storageIndex();
    (model.body.vms ?? []).forEach((vm, i) => {
      const template = model.templateOf(vm);
      if (!template || vm.node === template.spec.node || !model.node(vm.node) || !model.node(template.spec.node)) return;
      const path = `/spec/vms/${i}`;
      const source = storages.get(template.spec.storage);
      if (source && (!SHARED_STORAGE_TYPES.has(source.type) || !model.storageAvailableOn(source.id, vm.node))) {
        out.push(
          finding(
            "T3",
            "error",
            `${path}/node`,
            `VM '${vm.name}' is cloned onto '${vm.node}', but template '${template.spec.name}' on '${template.spec.node}' keeps its disks on '${source.id}', which ${SHARED_STORAGE_TYPES.has(source.type) ? `is not available on '${vm.node}'` : `is local to '${template.spec.node}'`}; PVE can only clone to another node from shared storage the target node also sees.`,
            `Put the template on shared storage available on '${vm.node}' (e.g. a Ceph RBD storage), or place the VM on '${template.spec.node}'.`,
          ),
        );
        return;
      }
      if (vm.clone === "linked" || vm.storage === undefined) return; // the clone stays on the (shared) template storage
      const target = storages.get(vm.storage);
      if (target && !SHARED_STORAGE_TYPES.has(target.type)) {
        out.push(
          finding(
            "T3",
            "error",
            `${path}/storage`,
            `VM '${vm.name}' is cloned from '${template.spec.node}' onto '${vm.node}' with its disks on '${target.id}' (${target.type}); PVE refuses to clone to another node onto non-shared storage.`,
            `Choose a shared target storage, or place the VM on '${template.spec.node}' and migrate it afterwards.`,
          ),
        );
      }
    });
    return out;
  },
};
