import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "bin", "pvecdk.js");

/**
 * cdktn's DataResource and importFrom() run `terraform version` per resource during
 * validation; pvecdk avoids both. With no terraform on PATH, synthesis must still work
 * (and produce the same bytes), so CI and laptops need no Terraform to synthesize.
 */
describe("synthesis without Terraform installed", () => {
  const built = fs.existsSync(path.join(ROOT, "dist", "lib", "cli", "main.js"));
  (built ? test : test.skip)("pvecdk synth succeeds with a PATH that has no terraform", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "pvecdk-noterraform-"));
    const emptyBin = fs.mkdtempSync(path.join(os.tmpdir(), "pvecdk-emptybin-"));
    try {
      const run = spawnSync(process.execPath, [CLI, "synth", "examples/seed-split-network.yaml", "--out", out], {
        cwd: ROOT,
        encoding: "utf8",
        env: { PATH: emptyBin, CHECKPOINT_DISABLE: "1", HOME: out },
      });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const written = fs.readFileSync(path.join(out, "stacks", "homelab", "cdk.tf.json"), "utf8");
      const golden = fs.readFileSync(path.join(ROOT, "test", "golden", "seed-split-network.cdk.tf.json"), "utf8");
      expect(written).toBe(golden);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
      fs.rmSync(emptyBin, { recursive: true, force: true });
    }
  });
});
