import { SHARED_STORAGE_TYPES } from "../../model/model";
import { Rule, RuleFinding } from "../rule";
import { finding } from "./support";

/**
 * H2: HA restarts a failed node's guests elsewhere; that only works when their disks are
 * on shared storage. (Whether the storage is defined on every allowed node is S3.)
 */
export const haGuestSharedStorage: Rule = {
  id: "H2",
  title: "HA guests keep their disks on shared storage",
  check(model) {
    const out: RuleFinding[] = [];
    const storages = model.storageIndex();
    for (const guest of model.haVms()) {
      const reported = new Set<string>();
      for (const ref of model.guestStorageRefs(guest)) {
        const storage = storages.get(ref.storage);
        if (!storage || SHARED_STORAGE_TYPES.has(storage.type) || reported.has(ref.storage)) continue;
        reported.add(ref.storage);
        out.push(
          finding(
            "H2",
            "error",
            ref.path,
            `HA guest '${guest.spec.name}' has its ${ref.what} on '${ref.storage}' (${storage.type}), which lives on one node's disks: if that node fails, HA cannot start the guest anywhere else.`,
            `Move the guest's volumes to shared storage (e.g. a Ceph RBD pool storage) or remove 'ha' from '${guest.spec.name}'. With ZFS replication instead, acknowledge H2: data written since the last sync is lost on failover.`,
          ),
        );
      }
    }
    return out;
  },
};
