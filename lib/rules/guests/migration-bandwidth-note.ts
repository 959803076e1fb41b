import { pointer } from "../../model/findings";
import { Rule } from "../rule";
import { finding } from "./support";

/** M6: what a migration bandwidth limit means for the largest guest, said once. */
export const migrationBandwidthNote: Rule = {
  id: "M6",
  title: "Migration bandwidth limit (note)",
  check(model) {
    const limit = model.body.migration?.bandwidthLimitKiBs;
    if (typeof limit !== "number" || !(limit > 0)) return [];
    const mibs = limit / 1024;
    let largest: { name: string; mib: number } | undefined;
    for (const vm of model.body.vms ?? []) {
      const mib = vm.memoryMiB ?? model.templateOf(vm)?.spec.memoryMiB ?? 2048;
      if (!largest || mib > largest.mib) largest = { name: vm.name, mib };
    }
    const estimate = largest
      ? ` Copying the RAM of the largest VM ('${largest.name}', ${largest.mib} MiB) takes at least ${Math.ceil(largest.mib / mibs)} s at that rate, more while it keeps writing.`
      : "";
    return [
      finding(
        "M6",
        "info",
        pointer("spec", "migration", "bandwidthLimitKiBs"),
        `Migrations are limited to ${limit} KiB/s (about ${mibs.toFixed(1)} MiB/s).${estimate}`,
        `Raise or remove the limit if maintenance drains take too long; keep it if migrations must not crowd out other traffic.`,
      ),
    ];
  },
};
