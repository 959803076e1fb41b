import * as fs from "fs";
import * as path from "path";
import schemaJson from "../../schema/cluster.schema.json";

/** docs/spec.md is the reference for the schema: a key the schema gains must be documented there. */
describe("docs/spec.md", () => {
  test("names every key the schema allows", () => {
    const doc = fs.readFileSync(path.join(__dirname, "../../docs/spec.md"), "utf8");
    const keys = new Set<string>();
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      if (typeof node !== "object" || node === null) return;
      const properties = (node as { properties?: Record<string, unknown> }).properties;
      if (properties) Object.keys(properties).forEach((k) => keys.add(k));
      Object.values(node).forEach(walk);
    };
    walk(schemaJson);
    // Words inside `code spans`: `cpu.vendor` documents cpu and vendor, `{ k, m }` documents k and m.
    const documented = new Set((doc.match(/`[^`\n]+`/g) ?? []).flatMap((span) => span.split(/[^A-Za-z0-9_]+/)));
    const undocumented = [...keys].filter((k) => !documented.has(k)).sort();
    expect(undocumented).toEqual([]);
  });
});
