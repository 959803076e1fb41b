import { Finding } from "../model/findings";
import { ClusterModel } from "../model/model";

/** A finding as a rule reports it; acknowledgement is applied by the runner. */
export type RuleFinding = Omit<Finding, "acknowledged">;

/** One catalog rule (docs/rules.md). One module per rule, named after what it checks. */
export interface Rule {
  /** Stable ID from the catalog, e.g. "C3". */
  readonly id: string;
  /** Short title, shown by `pvecdk validate --list-rules`. */
  readonly title: string;
  readonly check: (model: ClusterModel) => RuleFinding[];
}
