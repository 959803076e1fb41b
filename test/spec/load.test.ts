import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { EXIT_PROBLEMS, EXIT_USAGE, UserError } from "../../lib/cli/io";
import { ClusterModel } from "../../lib/model/model";
import { runRules } from "../../lib/rules";
import { loadSpecFile, loadSpecText } from "../../lib/spec/load";
import { SpecError } from "../../lib/spec/problems";
import { baseSpec } from "../fixtures/base-spec";
import { lineContaining, specError, yamlWith } from "./helpers";

describe("loading a valid spec", () => {
  test("YAML gives back exactly the document", () => {
    const loaded = loadSpecText(stringify(baseSpec()), "cluster.yaml");
    expect(loaded.spec).toEqual(baseSpec());
    expect(loaded.file).toBe("cluster.yaml");
  });

  test("JSON is accepted too, including tab indentation", () => {
    const json = JSON.stringify(baseSpec(), null, "\t");
    expect(loadSpecText(json, "cluster.json").spec).toEqual(baseSpec());
  });

  test("YAML anchors and aliases are expanded", () => {
    const text = yamlWith(() => undefined).replace(/^apiVersion:/m, "x-unused: &v pvecdk/v1\napiVersion:");
    // An unknown top-level key is still an error: anchors do not open a back door.
    expect(specError(text).problems.map((p) => p.path)).toEqual(["/x-unused"]);
  });

  test("loadSpecFile reads the file and names it as asked", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pvecdk-spec-"));
    const file = path.join(dir, "lab.yaml");
    fs.writeFileSync(file, stringify(baseSpec()));
    expect(loadSpecFile(file, "lab.yaml").file).toBe("lab.yaml");
    expect(loadSpecFile(file).spec.spec.name).toBe("lab");
  });
});

describe("files that cannot be read or parsed exit 2", () => {
  test("a missing file is one line naming the file", () => {
    let error: unknown;
    try {
      loadSpecFile("/nonexistent/dir/cluster.yaml", "cluster.yaml");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect(error).toBeInstanceOf(UserError);
    const spec = error as SpecError;
    expect(spec.exitCode).toBe(EXIT_USAGE);
    expect(spec.kind).toBe("unreadable");
    expect(spec.message).toBe("cluster.yaml: cannot read the file: it does not exist — check the path");
  });

  test("a directory is not a spec", () => {
    const error = (() => {
      try {
        loadSpecFile(os.tmpdir(), "tmp");
      } catch (err) {
        return err as SpecError;
      }
      throw new Error("expected an error");
    })();
    expect(error.exitCode).toBe(EXIT_USAGE);
    expect(error.message).toMatch(/^tmp: cannot read the file: it is a directory/);
  });

  test("broken YAML names file, line and column", () => {
    const error = specError("apiVersion: pvecdk/v1\nkind: Cluster\nspec:\n  name: [lab\n", "broken.yaml");
    expect(error.exitCode).toBe(EXIT_USAGE);
    expect(error.kind).toBe("syntax");
    expect(error.message).toMatch(/^broken\.yaml:5:1: YAML syntax error: .* — check indentation, quotes and brackets here$/);
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  test("a duplicate key is an error at the second occurrence", () => {
    const error = specError("apiVersion: pvecdk/v1\nkind: Cluster\nspec:\n  name: lab\n  name: lab2\n");
    expect(error.exitCode).toBe(EXIT_USAGE);
    expect(error.message).toBe('cluster.yaml:5:3: duplicate key "name" — a key may appear only once in a mapping; keep one');
  });

  test("broken JSON is explained as JSON, with line and column", () => {
    const error = specError('{\n  "apiVersion": "pvecdk/v1",\n  "kind": "Cluster"\n  "spec": {}\n}\n', "cluster.json");
    expect(error.exitCode).toBe(EXIT_USAGE);
    expect(error.message).toBe(`cluster.json:4:3: invalid JSON: expected ',' or '}' after a value, found '"' (a comma is probably missing) — fix the text here`);
  });

  test.each([
    ['{"kind": "Cluster",}', "1:20: invalid JSON: a comma before '}' (JSON allows no trailing comma)"],
    ["{'kind': 'Cluster'}", "1:2: invalid JSON: expected a key in double quotes, found '''"],
    ['{"kind": Cluster}', "1:10: invalid JSON: a bare word where a value belongs (put text in double quotes)"],
    ['{"kind": "Clu\nster"}', "1:14: invalid JSON: a line break or control character inside a string (write \\n, or close the quote)"],
    ['{"kind": "Cluster"', "1:19: invalid JSON: expected ',' or '}' after a value, found the end of the file"],
    ["[".repeat(20000), "invalid JSON: the document nests too deeply to read"],
  ])("JSON mistake %j", (text, expected) => {
    const error = specError(text, "c.json");
    expect(error.exitCode).toBe(EXIT_USAGE);
    expect(error.message).toContain(expected);
  });

  test("a key repeated in a JSON object is an error, not silently the last one", () => {
    const error = specError('{\n  "kind": "Cluster",\n  "kind": "Other"\n}', "cluster.json");
    expect(error.exitCode).toBe(EXIT_USAGE);
    expect(error.message).toBe('cluster.json:3:3: duplicate key "kind" — a key may appear only once in an object; keep one');
  });

  test("two YAML documents in one file are refused", () => {
    const error = specError(`${stringify(baseSpec())}---\n${stringify(baseSpec())}`);
    expect(error.exitCode).toBe(EXIT_USAGE);
    expect(error.message).toContain("the file holds more than one YAML document");
  });

  test("an alias bomb is refused instead of expanded", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
    const error = specError(levels.join("\n") + "\n");
    expect(error.exitCode).toBe(EXIT_USAGE);
    expect(error.message).toContain("use fewer YAML aliases");
  });
});

describe("a parsed spec with problems exits 1 and lists every problem", () => {
  test("an empty file says what a spec looks like", () => {
    const error = specError("");
    expect(error.exitCode).toBe(EXIT_PROBLEMS);
    expect(error.message).toBe(
      "cluster.yaml: /: the file holds no document — a cluster spec is a mapping with apiVersion: pvecdk/v1, kind: Cluster and spec (see examples/homelab-3node.yaml)",
    );
  });

  test("wrong types say what was expected and found, with a fix", () => {
    const text = yamlWith((s) => {
      s.spec.vms[0].vmid = "101";
      s.spec.nodes[1].votes = 1.5;
      s.spec.nodes[2].ceph.mon = "yes";
      s.spec.networks = { mgmt: "192.168.10.0/24" };
    });
    const messages = specError(text).problems.map((p) => `${p.path}: ${p.message}`);
    expect(messages).toEqual([
      "/spec/networks: expected a list, found a mapping — write it as a list: one '- item' line per entry, or [a, b]",
      "/spec/nodes/1/votes: expected an integer from 0 to 255, found 1.5 — use a whole number",
      '/spec/nodes/2/ceph/mon: expected true or false, found the text "yes" — write true or false, without quotes',
      '/spec/vms/0/vmid: expected an integer from 100 to 999999999, found the text "101" — write the number without quotes',
    ]);
  });

  test("a number where text is expected is quoted as the user wrote it", () => {
    const text = yamlWith(() => undefined).replace('pveVersion: "9.0"', "pveVersion: 9.0");
    const [problem] = specError(text).problems;
    expect(problem.path).toBe("/spec/nodes/0/pveVersion");
    expect(problem.message).toBe('expected a PVE version (text), found 9 — put it in quotes: "9.0"');
  });

  test("a VMID out of range", () => {
    const [problem] = specError(yamlWith((s) => (s.spec.templates[0].vmid = 42))).problems;
    expect(problem.message).toBe("expected an integer from 100 to 999999999, found 42 — use a value in that range");
  });

  test("an unknown key suggests the close one", () => {
    const text = yamlWith((s) => (s.spec.nodes[0].ceph.mosd = true));
    const error = specError(text);
    const line = lineContaining(text, "mosd");
    const column = text.split("\n")[line - 1].indexOf("mosd") + 1;
    expect(error.message).toBe(`cluster.yaml:${line}:${column}: /spec/nodes/0/ceph/mosd: unknown key "mosd" in /spec/nodes/0/ceph — did you mean "mds"?`);
  });

  test("snake_case keys point to their camelCase spelling", () => {
    const [problem] = specError(yamlWith((s) => (s.spec.ceph.pools[0].min_size = 2))).problems;
    expect(problem.message).toBe('unknown key "min_size" in /spec/ceph/pools/0 — did you mean "minSize"?');
  });

  test("an unknown key with no close match lists the allowed keys", () => {
    const [problem] = specError(yamlWith((s) => (s.spec.corosync.ring = 1))).problems;
    expect(problem.message).toBe('unknown key "ring" in /spec/corosync — allowed keys here: transport, links, qdevice, twoNode, tokenCoefficient');
  });

  test("an enum value with a typo", () => {
    const [problem] = specError(yamlWith((s) => (s.spec.storages[1].type = "lvmthn"))).problems;
    expect(problem.path).toBe("/spec/storages/1/type");
    expect(problem.message).toMatch(/^"lvmthn" is not one of "dir", "lvm", "lvmthin", .* — did you mean "lvmthin"\?$/);
  });

  test("a missing required key points at its section", () => {
    const text = yamlWith((s) => delete s.spec.nodes[1].addresses);
    const [problem] = specError(text).problems;
    expect(problem.path).toBe("/spec/nodes/1/addresses");
    expect(problem.line).toBe(lineContaining(text, "name: pve2"));
    expect(problem.message).toBe("missing required key \"addresses\" — add it: the node's address on each network it joins: network name → IP (no prefix).");
  });

  test("a node address with a prefix length", () => {
    const [problem] = specError(yamlWith((s) => (s.spec.nodes[0].addresses.corosync = "10.0.10.11/24"))).problems;
    expect(problem.message).toBe('"10.0.10.11/24" is not a plain IP address — drop the prefix "/24": the network\'s cidr carries it');
  });

  test("an address that is not an IP", () => {
    const [problem] = specError(yamlWith((s) => (s.spec.nodes[0].addresses.corosync = "10.0.10.300"))).problems;
    expect(problem.path).toBe("/spec/nodes/0/addresses/corosync");
    expect(problem.message).toBe('"10.0.10.300" is not an IP address — use a plain IPv4 or IPv6 address without a prefix, e.g. 10.0.10.11');
  });

  test("an unknown backend type", () => {
    const [problem] = specError(yamlWith((s) => (s.spec.backend = { type: "s4", bucket: "b" }))).problems;
    expect(problem).toMatchObject({ path: "/spec/backend/type", message: '"s4" is not a valid type here — did you mean "s3"?' });
  });

  test("a bad map key is reported once, at the key", () => {
    const text = yamlWith((s) => (s.spec.haRules = [{ name: "pin", type: "node-affinity", resources: ["web1"], nodes: { "pve 1": 1 } }]));
    const problems = specError(text).problems;
    expect(problems.map((p) => p.path)).toEqual(["/spec/haRules/0/nodes/pve 1"]);
    expect(problems[0].message).toMatch(/^"pve 1" is not a valid node name \(used as a key here\)/);
  });

  test("a backend without a type is one problem", () => {
    const problems = specError(yamlWith((s) => (s.spec.backend = { bucket: "state" }))).problems;
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['/spec/backend/type: missing required key "type" — add it']);
  });

  test("an empty acknowledgement reason", () => {
    const [problem] = specError(yamlWith((s) => (s.spec.acknowledge = [{ rule: "CD1", reason: " " }]))).problems;
    expect(problem.message).toBe('" " is not a valid reason — use a sentence saying why the risk is accepted (shown in reports)');
  });

  test("values that may hold spaces get no shell warning", () => {
    const [problem] = specError(yamlWith((s) => (s.spec.vms[0].cloudInit.sshKeys = ["my key"]))).problems;
    expect(problem.message).toBe('"my key" is not a valid SSH public key — use one OpenSSH public key line: type, base64 key, optional comment');
  });

  test("every problem is listed, each on its own positioned line", () => {
    const text = yamlWith((s) => {
      s.apiVersion = "pvecdk/v2";
      s.spec.nodes[0].ceph.mosd = true;
      s.spec.vms[1].vmid = 7;
    });
    const error = specError(text);
    expect(error.problems).toHaveLength(3);
    const lines = error.message.split("\n");
    expect(lines[0]).toBe("cluster.yaml: 3 problems in the cluster spec:");
    expect(lines.slice(1).every((l) => /^ {2}cluster\.yaml:\d+:\d+: \/\S+: .+ — .+$/.test(l))).toBe(true);
    expect(lines[1]).toBe('  cluster.yaml:1:13: /apiVersion: expected "pvecdk/v1", found the text "pvecdk/v2" — write apiVersion: pvecdk/v1');
  });
});

describe("cross-references the schema cannot see", () => {
  test("duplicate node names", () => {
    const text = yamlWith((s) => (s.spec.nodes[2].name = "pve1"));
    const [problem] = specError(text).problems;
    const line = lineContaining(text, "name: pve1", lineContaining(text, "name: pve2"));
    expect(problem).toEqual({
      path: "/spec/nodes/2/name",
      line,
      column: text.split("\n")[line - 1].indexOf("pve1") + 1,
      message: 'node name "pve1" is already used by /spec/nodes/0 — every node needs its own hostname',
    });
  });

  test("duplicate network names", () => {
    const [problem] = specError(yamlWith((s) => (s.spec.networks[4].name = "mgmt"))).problems;
    expect(problem.message).toBe('network name "mgmt" is already used by /spec/networks/0 — rename one of them');
  });

  test("duplicate cloud image and HA rule names", () => {
    const problems = specError(
      yamlWith((s) => {
        s.spec.images.push({ ...s.spec.images[0] });
        s.spec.haRules.push({ ...s.spec.haRules[0] });
      }),
    ).problems.map((p) => `${p.path}: ${p.message}`);
    expect(problems).toEqual([
      '/spec/images/1/name: cloud image name "noble" is already used by /spec/images/0 — templates refer to images by name, so rename one',
      '/spec/haRules/1/name: HA rule name "web-spread" is already used by /spec/haRules/0 — PVE keys rules by name, so rename one',
    ]);
  });

  test("a storage restricted to an unknown node", () => {
    const [problem] = specError(yamlWith((s) => (s.spec.storages[0].nodes = ["pve1", "pve9"]))).problems;
    expect(problem).toMatchObject({
      path: "/spec/storages/0/nodes/1",
      message: 'storage "local" is restricted to node "pve9", which is not declared under nodes — did you mean "pve1"?',
    });
  });

  test("references a catalog rule checks are left to it, so TypeScript specs get the same check", () => {
    const loaded = loadSpecText(
      yamlWith((s) => {
        s.spec.corosync.links[0].network = "corosync2";
        s.spec.ceph.publicNetwork = "storage";
        s.spec.vms[0].node = "pve9";
      }),
      "cluster.yaml",
    );
    const rules = runRules(new ClusterModel(loaded.spec))
      .filter((f) => f.severity === "error")
      .map((f) => `${f.rule} ${f.path}`);
    expect(rules).toEqual(expect.arrayContaining(["C4 /spec/corosync/links/0/network", "CN1 /spec/ceph/publicNetwork", "V6 /spec/vms/0/node"]));
  });
});

describe("names that reach shell commands are refused when they could inject", () => {
  const cases: [string, (s: any) => void, string][] = [
    ["node name", (s) => (s.spec.nodes[0].name = "pve1; rm -rf /"), "/spec/nodes/0/name"],
    ["node name with command substitution", (s) => (s.spec.nodes[0].name = "$(reboot)"), "/spec/nodes/0/name"],
    ["cluster name", (s) => (s.spec.name = "lab`id`"), "/spec/name"],
    ["pool name", (s) => (s.spec.ceph.pools[0].name = "vmdata && reboot"), "/spec/ceph/pools/0/name"],
    ["OSD device", (s) => (s.spec.nodes[1].ceph.osds[0].device = "/dev/sdb; reboot"), "/spec/nodes/1/ceph/osds/0/device"],
    ["OSD device outside /dev", (s) => (s.spec.nodes[1].ceph.osds[0].device = "/dev/../etc/passwd"), "/spec/nodes/1/ceph/osds/0/device"],
    ["storage ID", (s) => (s.spec.storages[0].id = "local|x"), "/spec/storages/0/id"],
    ["bridge name", (s) => (s.spec.nodes[0].interfaces.bridges[0].name = "vmbr0 up"), "/spec/nodes/0/interfaces/bridges/0/name"],
    ["VLAN interface name", (s) => (s.spec.nodes[0].interfaces.vlans[0].name = "eno2.10'"), "/spec/nodes/0/interfaces/vlans/0/name"],
    ["image file name", (s) => (s.spec.images[0].fileName = "../../etc/cron.d/x"), "/spec/images/0/fileName"],
    ["VM name", (s) => (s.spec.vms[0].name = "web1\nreboot"), "/spec/vms/0/name"],
    ["QDevice host", (s) => (s.spec.corosync.qdevice = { host: "10.0.0.5;reboot" }), "/spec/corosync/qdevice/host"],
  ];

  test.each(cases)("%s", (_what, change, pointer) => {
    const text = yamlWith(change);
    const error = specError(text);
    expect(error.exitCode).toBe(EXIT_PROBLEMS);
    expect(error.problems).toHaveLength(1);
    const [problem] = error.problems;
    expect(problem.path).toBe(pointer);
    expect(problem.line).toBeGreaterThan(0);
    expect(problem.column).toBeGreaterThan(0);
    expect(problem.message).toMatch(/ is not (a valid|an?) .* — use /);
    expect(error.message).not.toContain("    at ");
  });

  test("the message says why such characters are refused", () => {
    const [problem] = specError(yamlWith((s) => (s.spec.nodes[0].name = "pve1; rm -rf /"))).problems;
    expect(problem.message).toBe(
      '"pve1; rm -rf /" is not a valid node name (spaces, quotes and characters such as ; $ | & are not allowed: the value reaches shell commands) — use a hostname label: 1 to 63 letters, digits and inner hyphens (RFC 1123)',
    );
  });

  test("ordinary by-id device paths pass", () => {
    const text = yamlWith((s) => (s.spec.nodes[0].ceph.osds[0].device = "/dev/disk/by-id/ata-Samsung_SSD_870_EVO_1TB_S6PTNM0R100001"));
    expect(() => loadSpecText(text, "cluster.yaml")).not.toThrow();
  });
});

describe("lineOf maps JSON pointers to lines", () => {
  const text = stringify(baseSpec());
  const loaded = loadSpecText(text, "cluster.yaml");

  test("a setting's own line", () => {
    expect(loaded.lineOf("/spec/name")).toBe(lineContaining(text, "name: lab"));
    expect(loaded.lineOf("/spec/corosync/links/1/network")).toBe(lineContaining(text, "network: mgmt", lineContaining(text, "links:")));
    expect(loaded.positionOf("/spec/name")).toEqual({ line: lineContaining(text, "name: lab"), column: 3 });
  });

  test("list items and keys with special characters", () => {
    const third = lineContaining(text, "name: pve3");
    expect(loaded.lineOf("/spec/nodes/2")).toBe(third);
    expect(loaded.lineOf("/spec/nodes/2/addresses/ceph-public")).toBe(lineContaining(text, "ceph-public: 10.0.20.13"));
  });

  test("a setting the file leaves out points at the section it belongs in", () => {
    expect(loaded.lineOf("/spec/nodes/1/votes")).toBe(lineContaining(text, "name: pve2"));
    expect(loaded.lineOf("/spec/qdevice")).toBe(lineContaining(text, "spec:"));
  });

  test("problems in JSON files have lines too", () => {
    const spec = JSON.parse(JSON.stringify(baseSpec()));
    spec.spec.vms[1].vmid = "102";
    const json = JSON.stringify(spec, null, 2);
    const [problem] = specError(json, "cluster.json").problems;
    const line = lineContaining(json, '"vmid": "102"');
    expect(problem).toMatchObject({ path: "/spec/vms/1/vmid", line, column: json.split("\n")[line - 1].indexOf('"102"') + 1 });
    expect(problem.message).toBe('expected an integer from 100 to 999999999, found the text "102" — write the number without quotes');
  });

  test("in JSON an absent setting points at its object, and numbers are quoted as written", () => {
    const json = JSON.stringify(baseSpec(), null, 2);
    const fromJson = loadSpecText(json, "cluster.json");
    const secondNode = lineContaining(json, '"name": "pve2"') - 1;
    expect(json.split("\n")[secondNode - 1].trim()).toBe("{");
    expect(fromJson.lineOf("/spec/nodes/1/votes")).toBe(secondNode);
    expect(fromJson.lineOf("/")).toBe(1);

    const [problem] = specError(json.replace('"pveVersion": "9.0"', '"pveVersion": 9.0'), "cluster.json").problems;
    expect(problem.message).toBe('expected a PVE version (text), found 9 — put it in quotes: "9.0"');
  });

  test("JSON files have lines too", () => {
    const json = JSON.stringify(baseSpec(), null, 2);
    const fromJson = loadSpecText(json, "cluster.json");
    expect(fromJson.lineOf("/spec/vms/1/vmid")).toBe(lineContaining(json, '"vmid": 102'));
  });
});
