import { pointer } from "../../model/findings";
import { ClusterModel } from "../../model/model";
import { closestMatch } from "../../spec/suggest";
import { Rule, RuleFinding } from "../rule";

/**
 * ACK1: an `acknowledge:` entry must name a rule that exists. A typo would leave the
 * owner believing a risk is accepted while the finding it meant still blocks or warns.
 * The known IDs are passed in so this module does not depend on the catalog that lists it.
 */
export function acknowledgedRuleExists(knownIds: () => readonly string[]): Rule {
  return {
    id: "ACK1",
    title: "Acknowledgements name existing rules",
    check(model: ClusterModel): RuleFinding[] {
      const known = knownIds();
      const findings: RuleFinding[] = [];
      (model.body.acknowledge ?? []).forEach((ack, index) => {
        if (typeof ack?.rule !== "string" || known.includes(ack.rule)) return;
        const guess = closestMatch(ack.rule, known);
        findings.push({
          rule: "ACK1",
          severity: "warning",
          path: pointer("spec", "acknowledge", index, "rule"),
          message: `'${ack.rule}' is not a pvecdk rule ID, so this acknowledgement accepts nothing.`,
          hint: guess
            ? `Did you mean '${guess}'? 'pvecdk rules' lists every rule ID.`
            : "Use an ID that 'pvecdk rules' lists, or remove the entry.",
        });
      });
      return findings;
    },
  };
}
