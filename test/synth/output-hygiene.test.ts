import * as os from "os";
import { baseSpec } from "../fixtures/base-spec";
import { exampleSpecs, synthText, twoNodeQDeviceSpec } from "./helpers";

/**
 * What must hold for every synthesized file: identical bytes on every run,
 * nothing from the synthesizing machine, no secret, and shell scripts that
 * reach the node exactly as generated.
 */
const specs = [
  ["three nodes with Ceph (base spec)", baseSpec] as const,
  ["two nodes with a QDevice", twoNodeQDeviceSpec] as const,
  ...exampleSpecs()
    .filter((e) => !e.blocked)
    .map((e) => [`examples/${e.name}.yaml`, () => e.spec] as const),
] as const;

/** Patterns of things that must never be written into a configuration. */
const SECRET_PATTERNS: readonly [string, RegExp][] = [
  ["private key block", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["PVE API token value", /[A-Za-z0-9._-]+@(pam|pve)![A-Za-z0-9._-]+[=:][0-9a-f]{8}-[0-9a-f]{4}-/],
  ["UUID-shaped token secret", /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/],
  ["password attribute with a literal value", /"(password|api_token|private_key|secret_key|access_key|token|conn_str)"\s*:\s*"(?!\$\{var\.)/],
  ["AWS access key id", /\bAKIA[0-9A-Z]{16}\b/],
];

describe.each(specs)("output hygiene: %s", (_title, makeSpec) => {
  const first = synthText(makeSpec());

  test("two runs produce byte-identical JSON", () => {
    expect(synthText(makeSpec())).toBe(first);
  });

  test("nothing from the synthesizing machine leaks in (checkout folder, temporary output folder)", () => {
    expect(first).not.toContain(process.cwd());
    expect(first).not.toContain(`${os.tmpdir()}/pvecdk-synth-`);
  });

  test.each(SECRET_PATTERNS)("no %s", (_name, pattern) => {
    expect(first).not.toMatch(pattern);
  });

  test("sensitive inputs are sensitive variables, referenced and never given a default", () => {
    const json = JSON.parse(first) as { variable?: Record<string, { sensitive?: boolean; default?: unknown }> };
    for (const [name, v] of Object.entries(json.variable ?? {})) {
      if (/password|secret|key|token/.test(name)) expect(v.sensitive).toBe(true);
      expect(v.default).toBeUndefined();
    }
  });

  test("scripts reach the node unchanged: every shell ${ is escaped as $${ for Terraform's templates", () => {
    const json = JSON.parse(first) as { resource: { terraform_data?: Record<string, { provisioner: { "remote-exec": { inline: string[] } }[] }> } };
    const lines = Object.values(json.resource.terraform_data ?? {}).flatMap((step) => step.provisioner[0]["remote-exec"].inline);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => /(^|[^$])\$\{/.test(l) || /(^|[^%])%\{/.test(l))).toEqual([]);
    expect(lines.some((l) => l.includes("$${"))).toBe(true);
  });
});
