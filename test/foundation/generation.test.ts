import * as fs from "fs";
import * as os from "os";
import * as path from "path";

interface Generator {
  generateBindings(outDir: string): Promise<string>;
}

const REPO = path.resolve(__dirname, "../..");
const COMMITTED_OUTPUT = path.join(REPO, ".gen", "providers", "proxmox");

/** Every file under `dir` as a sorted list of relative paths with their bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else files.set(child, fs.readFileSync(path.join(dir, child)));
    }
  };
  walk("");
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The relative paths whose bytes differ, or that exist on one side only. */
function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((name) => {
    const left = a.get(name);
    const right = b.get(name);
    return !left || !right || !left.equals(right);
  });
}

describe("provider binding generation", () => {
  let scratch: string;
  let first: Map<string, Buffer>;
  let second: Map<string, Buffer>;

  beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pvecdk-gen-"));
    // Loading the generator's libraries runs `terraform version`; give it an empty CLI config
    // so it neither reads the user's nor complains about a missing one.
    const emptyConfig = path.join(scratch, "empty.tfrc");
    fs.writeFileSync(emptyConfig, "");
    process.env.TF_CLI_CONFIG_FILE = process.env.TF_CLI_CONFIG_FILE || emptyConfig;
    // The generator is plain JavaScript run by `npm run gen`; it exports its core for this test.
    const { generateBindings } = require("../../scripts/gen-bindings.js") as Generator;
    first = snapshot(await generateBindings(path.join(scratch, "one")));
    second = snapshot(await generateBindings(path.join(scratch, "two")));
  });

  afterAll(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("writes one binding per resource, data source and the provider, plus VERSION.json", () => {
    expect(first.get("VERSION.json")?.toString()).toBe('{\n  "source": "bpg/proxmox",\n  "version": "0.111.1"\n}\n');
    expect(first.has("provider/index.ts")).toBe(true);
    expect(first.has("virtual-environment-vm/index.ts")).toBe(true);
    expect(first.has("data-proxmox-virtual-environment-nodes/index.ts")).toBe(true);
  });

  it("is reproducible: two generations are byte-identical", () => {
    expect(second.size).toBe(first.size);
    expect(differences(first, second)).toEqual([]);
  });

  it("matches the bindings in .gen/ byte for byte (run `npm run gen` if this fails)", () => {
    expect(differences(first, snapshot(COMMITTED_OUTPUT))).toEqual([]);
  });

  it("names no machine-specific path in the generated code", () => {
    const leaks = [...first.entries()].filter(([, bytes]) => {
      const text = bytes.toString();
      return text.includes(scratch) || text.includes(REPO) || text.includes(os.homedir());
    });
    expect(leaks.map(([name]) => name)).toEqual([]);
  });
});
