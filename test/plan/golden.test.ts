import * as fs from "fs";
import * as path from "path";
import { cli, planFixtureNames } from "./helpers";

/**
 * The whole Markdown review of every plan fixture, compared with a golden file
 * that is reviewed like code. Regenerate after an intended change with
 * `UPDATE_GOLDEN=1 npx jest test/plan/golden` and read the diff.
 */
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const GOLDEN_DIR = path.join(__dirname, "golden");

function expectGolden(file: string, actual: string): void {
  const golden = path.join(GOLDEN_DIR, file);
  if (UPDATE) {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(golden, actual);
    return;
  }
  if (!fs.existsSync(golden)) throw new Error(`test/plan/golden/${file} is missing; create it with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(fs.readFileSync(golden, "utf8"));
}

describe("golden Markdown reviews", () => {
  it.each(planFixtureNames())("%s", async (name) => {
    const run = await cli(["review", `test/fixtures/plans/${name}.json`, "--format", "markdown"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expectGolden(`${name}.md`, run.stdout);
  });

  it("diff of two synthesized outputs", async () => {
    const run = await cli(["diff", "test/fixtures/plans/synth/base", "test/fixtures/plans/synth/head", "--format", "markdown"]);
    expect(run.code).toBe(0);
    expectGolden("diff-synth.md", run.stdout);
  });

  it("terminal text without colour", async () => {
    const run = await cli(["review", "test/fixtures/plans/bpg-vm-node-change.json", "--format", "text"]);
    expect(run.code).toBe(0);
    expectGolden("bpg-vm-node-change.txt", run.stdout);
  });
});
