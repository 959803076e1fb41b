#!/usr/bin/env bash
# Regenerates the plan fixtures in test/fixtures/plans/tf-<scenario>.json with a
# real Terraform (>= 1.5) — offline: terraform_data is built into Terraform and
# needs no provider. The tests never run Terraform; they read the committed JSON.
#
# Each scenario is a folder test/fixtures/plans/terraform/<scenario>/ with
#   step1.tf.json  applied first (optional: without it the state starts empty)
#   step2.tf.json  planned second; its plan is the fixture
#   plan-args      extra `terraform plan` arguments, e.g. -destroy (optional)
#
# Usage: scripts/make-plan-fixtures.sh [scenario ...]   (default: every scenario)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
scenarios_dir="$repo/test/fixtures/plans/terraform"
out_dir="$repo/test/fixtures/plans"

command -v terraform >/dev/null || { echo "make-plan-fixtures: terraform is not on PATH" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# No checkpoint calls, no user CLI configuration, no colour in logs.
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
: >"$work/empty.tfrc"
export TF_CLI_CONFIG_FILE="$work/empty.tfrc"

if [ "$#" -gt 0 ]; then
  scenarios=("$@")
else
  scenarios=()
  for dir in "$scenarios_dir"/*/; do scenarios+=("$(basename "$dir")"); done
fi

for scenario in "${scenarios[@]}"; do
  src="$scenarios_dir/$scenario"
  [ -f "$src/step2.tf.json" ] || { echo "make-plan-fixtures: $src/step2.tf.json is missing" >&2; exit 2; }
  dir="$work/$scenario"
  mkdir -p "$dir"

  if [ -f "$src/step1.tf.json" ]; then
    cp "$src/step1.tf.json" "$dir/main.tf.json"
    terraform -chdir="$dir" init -no-color >/dev/null
    terraform -chdir="$dir" apply -auto-approve -no-color >/dev/null
  fi
  cp "$src/step2.tf.json" "$dir/main.tf.json"
  terraform -chdir="$dir" init -no-color >/dev/null

  args=()
  if [ -f "$src/plan-args" ]; then read -r -a args <"$src/plan-args"; fi
  # A plan that errors (e.g. prevent_destroy) still writes a plan file with errored: true,
  # which is exactly what the errored fixture needs; any other failure stops here.
  if ! terraform -chdir="$dir" plan -no-color -out=plan.out "${args[@]}" >"$dir/plan.log" 2>&1; then
    [ -f "$dir/plan.out" ] || { cat "$dir/plan.log" >&2; exit 1; }
  fi
  terraform -chdir="$dir" show -json plan.out >"$dir/plan.json"

  # Make the fixture stable: no timestamp, no random IDs, no machine paths.
  node - "$dir/plan.json" "$work" >"$out_dir/tf-$scenario.json" <<'NODE'
const fs = require("fs");
const [file, work] = process.argv.slice(2);
const plan = JSON.parse(fs.readFileSync(file, "utf8"));
if (plan.timestamp !== undefined) plan.timestamp = "2000-01-01T00:00:00Z";
let text = JSON.stringify(plan, null, 2);
const ids = new Map();
text = text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
  if (!ids.has(id)) ids.set(id, `00000000-0000-4000-8000-${String(ids.size + 1).padStart(12, "0")}`);
  return ids.get(id);
});
text = text.split(work).join("/tmp/pvecdk-fixtures");
process.stdout.write(text + "\n");
NODE
  echo "wrote test/fixtures/plans/tf-$scenario.json"
done
