import { App, TerraformStack, Testing } from "cdktn";
import { ProxmoxCluster } from "../../constructs/cluster";
import { BlockingFindingsError, ClusterDefinitionError } from "../../constructs/errors";
import { ClusterSpec } from "../../lib/model/spec-types";
import { synthesizeJson } from "../../lib/synth";
import { ClusterStack, CLUSTER_CONSTRUCT_ID } from "../../stacks/cluster-stack";
import { baseSpec } from "../fixtures/base-spec";
import { resources, stepsOfKind, synth, TfJson, twoNodeQDeviceSpec } from "../synth/helpers";

function withSpec(change: (spec: ClusterSpec["spec"]) => ClusterSpec["spec"]): ClusterSpec {
  const doc = baseSpec();
  return { ...doc, spec: change(doc.spec) };
}

function synthCluster(build: (cluster: ProxmoxCluster) => void, name = "lab"): TfJson {
  const text = synthesizeJson((app: App) => {
    const stack = new ClusterStack(app, name);
    build(new ProxmoxCluster(stack, CLUSTER_CONSTRUCT_ID, { name }));
    return stack;
  });
  return JSON.parse(text) as TfJson;
}

describe("one code path: the YAML front door is the TypeScript API", () => {
  test("fromSpec followed by toSpec gives back the spec it was built from", () => {
    for (const doc of [baseSpec(), twoNodeQDeviceSpec()]) {
      const cluster = ProxmoxCluster.fromSpec(Testing.app(), "c", doc);
      expect(cluster.toSpec()).toEqual(doc);
    }
  });

  test("intent methods called after construction still land in the synthesized output", () => {
    const json = synthesizeJson((app) => {
      const stack = ClusterStack.fromSpec(app, baseSpec());
      const cluster = stack.cluster as ProxmoxCluster;
      const template = cluster.toSpec().spec.templates?.[0].name as string;
      const vm = cluster.addVm("late", { vmid: 150, node: "pve3", template, cloudInit: { user: "ops", ipv4: "dhcp" } });
      vm.protectWithHa({ state: "started", maxRelocate: 2 });
      return stack;
    });
    const all = resources(JSON.parse(json) as TfJson);
    expect(all.get("proxmox_virtual_environment_vm.vm_late")).toMatchObject({ vm_id: 150, node_name: "pve3", clone: { vm_id: 9000, full: true } });
    expect(all.get("proxmox_haresource.ha_late")).toMatchObject({ resource_id: "vm:150", max_relocate: 2, state: "started" });
  });

  test("template.cloneTo adds a clone of that template, and keepApart an anti-affinity rule", () => {
    const spec = baseSpec().spec;
    const json = synthCluster((cluster) => {
      for (const n of spec.networks) cluster.addNetwork(n);
      for (const { name, ...node } of spec.nodes) cluster.addNode(name, { ...node, ceph: undefined });
      cluster.corosync.addLink(0, "corosync", { priority: 20 }).addLink(1, "mgmt", { priority: 10 });
      cluster.addStorage("local", { type: "dir", path: "/var/lib/vz", content: ["import"] });
      cluster.addStorage("nas", { type: "nfs", server: "10.0.40.2", export: "/pve", content: ["images"] });
      const image = cluster.addCloudImage("noble", { url: "https://example.org/noble.qcow2", storage: "local", checksum: "ab".repeat(32) });
      const tpl = cluster.addTemplate("tpl", { vmid: 9000, node: "pve1", image: image.name, storage: "nas" });
      const a = tpl.cloneTo("a", { vmid: 101, node: "pve1" }).protectWithHa();
      const b = tpl.cloneTo("b", { vmid: 102, node: "pve2", clone: "linked" }).protectWithHa();
      cluster.keepApart("spread", [a, b]);
    });
    const all = resources(json);
    expect(all.get("proxmox_virtual_environment_vm.vm_b")).toMatchObject({ clone: { vm_id: 9000, full: false, node_name: "pve1" } });
    expect(all.get("proxmox_harule.ha_rule_spread")).toMatchObject({ type: "resource-affinity", affinity: "negative", resources: ["vm:101", "vm:102"] });
  });

  test("declaring anything after synthesis is refused instead of being silently dropped", () => {
    const app = Testing.app();
    const stack = ClusterStack.fromSpec(app, baseSpec());
    Testing.synth(stack);
    expect(() => stack.cluster?.addVm("too-late", { vmid: 300, node: "pve1", template: "ubuntu-2404" })).toThrow(/already synthesized/);
  });

  test("duplicate names are reported with the spec path of the second entry", () => {
    const doc = withSpec((s) => ({ ...s, vms: [...(s.vms ?? []), { ...(s.vms ?? [])[0], vmid: 199 }] }));
    expect(() => ProxmoxCluster.fromSpec(Testing.app(), "c", doc)).toThrow(ClusterDefinitionError);
    expect(() => ProxmoxCluster.fromSpec(Testing.app(), "c", doc)).toThrow('/spec/vms/2: cluster "lab" already has a template or VM named "web1"');
  });
});

describe("validation before emission", () => {
  // A node address outside its network's CIDR: rule IP3 reports an error.
  const badAddress = () =>
    withSpec((s) => ({ ...s, nodes: s.nodes.map((n, i) => (i === 1 ? { ...n, addresses: { ...n.addresses, migration: "10.9.9.9" } } : n)) }));

  test("an unacknowledged error stops synthesis with every blocking finding as RULE path: message (hint)", () => {
    let error: unknown;
    try {
      synth(badAddress());
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(BlockingFindingsError);
    const { findings, message } = error as BlockingFindingsError;
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.severity === "error" && !f.acknowledged)).toBe(true);
    expect(findings.map((f) => f.rule)).toContain("IP3");
    expect(message.split("\n")[0]).toBe(`cluster "lab" has ${findings.length} blocking finding${findings.length === 1 ? "" : "s"}; nothing was synthesized:`);
    for (const f of findings) expect(message).toContain(`  ${f.rule} ${f.path}: ${f.message} (${f.hint})`);
  });

  test("acknowledging the blocking rules lets synthesis go on, and their findings stay visible as acknowledged", () => {
    const doc = badAddress();
    const rules = [...new Set(ProxmoxCluster.fromSpec(Testing.app(), "c", doc).findings().filter((f) => f.severity === "error").map((f) => f.rule))];
    const reason = "migration moves to 10.9.9.0/24 next week";
    const acknowledged = { ...doc, spec: { ...doc.spec, acknowledge: rules.map((rule) => ({ rule, reason })) } };
    expect(() => synth(acknowledged)).not.toThrow();
    const errors = ProxmoxCluster.fromSpec(Testing.app(), "c", acknowledged).findings().filter((f) => f.severity === "error");
    expect(errors.map((f) => f.rule)).toContain("IP3");
    expect(errors.every((f) => f.acknowledged?.reason === reason)).toBe(true);
  });

  test("a cluster in a plain TerraformStack is emitted too, through its aspect", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "plain");
    ProxmoxCluster.fromSpec(stack, "cluster", baseSpec());
    const json = JSON.parse(Testing.synth(stack)) as TfJson;
    expect(Object.keys(json.resource.terraform_data ?? {})).toContain("cluster_create");
    expect(json.resource.proxmox_ceph_pool.ceph_pool_vmdata).toBeDefined();
  });
});

describe("defaults", () => {
  test("a pool without size/minSize gets the safe 3/2", () => {
    const json = synth(withSpec((s) => ({ ...s, ceph: { ...s.ceph!, pools: [{ name: "vmdata", storage: { id: "ceph-vm" } }] } })));
    const pool = json.resource.proxmox_ceph_pool.ceph_pool_vmdata;
    expect(pool).toMatchObject({ size: 3, min_size: 2, pg_autoscale_mode: "on", application: "rbd" });
    // The autoscaler owns pg_num; pinning it would show as drift on every plan.
    expect(pool.pg_num).toBeUndefined();
    expect(pool.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ["pg_num"] });
  });

  test("migration is secure and uses the migration network's CIDR", () => {
    const json = synth(withSpec((s) => ({ ...s, migration: { network: "migration" } })));
    expect(json.resource.proxmox_cluster_options.cluster_options).toMatchObject({ migration_type: "secure", migration_cidr: "10.0.40.0/24" });
  });

  test("guests get x86-64-v2-AES unless every node declares the same CPU, then host", () => {
    const identical = synth(baseSpec());
    expect(identical.resource.proxmox_virtual_environment_vm.vm_web1).toMatchObject({ cpu: { type: "host" } });
    const mixed = synth(twoNodeQDeviceSpec());
    expect(mixed.resource.proxmox_virtual_environment_vm.vm_app1).toMatchObject({ cpu: { type: "x86-64-v2-AES" } });
  });

  test("the local backend keeps state next to the synthesized JSON, by a relative path", () => {
    expect(synth(baseSpec()).terraform.backend).toEqual({ local: { path: "terraform.tfstate" } });
  });
});

describe("node networks", () => {
  const json = synth(twoNodeQDeviceSpec());
  const all = resources(json);

  test("each interface carrying a network gets the node's address in CIDR form, and the network's MTU", () => {
    expect(all.get("proxmox_network_linux_vlan.pve2_bond0_50")).toMatchObject({
      node_name: "pve2",
      name: "bond0.50",
      interface: "bond0",
      vlan: 50,
      address: "10.0.50.12/24",
      mtu: 9000,
      provider: "proxmox.pve2",
    });
    expect(all.get("proxmox_network_linux_bridge.pve1_vmbr0")).toMatchObject({ address: "192.168.10.11/24", gateway: "192.168.10.1" });
    expect(all.get("proxmox_network_linux_vlan.pve1_eno2_10")?.gateway).toBeUndefined();
  });

  test("a bond comes before the bridge and VLANs built on it", () => {
    expect(all.get("proxmox_network_linux_bond.pve1_bond0")).toMatchObject({ slaves: ["ens1f0", "ens1f1"], bond_mode: "802.3ad", bond_xmit_hash_policy: "layer3+4" });
    expect(all.get("proxmox_network_linux_bridge.pve1_vmbr1")?.depends_on).toEqual(["proxmox_network_linux_bond.pve1_bond0"]);
    expect(all.get("proxmox_network_linux_vlan.pve1_bond0_50")?.depends_on).toEqual(["proxmox_network_linux_bond.pve1_bond0"]);
  });

  test("the installer's management bridge is adopted with an import block, through the node's own provider", () => {
    expect(json.import).toEqual(
      expect.arrayContaining([
        { id: "pve1:vmbr0", provider: "proxmox.pve1", to: "proxmox_network_linux_bridge.pve1_vmbr0" },
        { id: "pve2:vmbr0", provider: "proxmox.pve2", to: "proxmox_network_linux_bridge.pve2_vmbr0" },
      ]),
    );
  });

  test("one provider per node plus a default one on the first node; no credential is written", () => {
    const providers = json.provider?.proxmox ?? [];
    expect(providers.map((p) => [p.alias, p.endpoint])).toEqual([
      [undefined, "https://192.168.10.11:8006/"],
      ["pve1", "https://192.168.10.11:8006/"],
      ["pve2", "https://192.168.10.12:8006/"],
    ]);
    for (const p of providers) {
      expect(Object.keys(p).sort()).toEqual(p.alias ? ["alias", "endpoint", "ssh"] : ["endpoint", "ssh"]);
      expect(p.ssh).toMatchObject({ agent: true, username: "root" });
    }
  });

  test("an interface carrying a network its node has no address on stops synthesis even when the rule is acknowledged", () => {
    const doc = twoNodeQDeviceSpec();
    const nodes = doc.spec.nodes.map(({ addresses: { storage: _dropped, ...kept }, ...n }) => ({ ...n, addresses: kept }));
    const acknowledge = [{ rule: "IP3", reason: "testing the synthesizer's own check" }];
    expect(() => synth({ ...doc, spec: { ...doc.spec, nodes, acknowledge } })).toThrow(
      '/spec/nodes/0/interfaces/vlans/1/network: node "pve1" has no address on network "storage"; add it under addresses',
    );
  });
});

describe("bootstrap steps", () => {
  const json = synth(twoNodeQDeviceSpec());

  test("every step records its kind and node, runs over SSH as root with the agent, and has no secret", () => {
    const steps = Object.entries(json.resource.terraform_data ?? {});
    expect(steps.length).toBeGreaterThan(0);
    for (const [, step] of steps) {
      expect(typeof step.input?.pvecdk_step).toBe("string");
      expect(typeof step.input?.node).toBe("string");
      expect(step.connection).toMatchObject({ type: "ssh", user: "root", agent: true });
      expect(Object.keys(step.connection as object).sort()).toEqual(["agent", "host", "type", "user"]);
      expect(step.triggers_replace).toEqual(step.input);
    }
  });

  test("joins run on the joining node and reach the first node by its management address", () => {
    const join = resources(json).get(stepsOfKind(json, "cluster-join")[0]);
    expect(join?.connection).toMatchObject({ host: "192.168.10.12" });
    expect(join?.input).toEqual({
      pvecdk_step: "cluster-join",
      node: "pve2",
      cluster: "duo",
      existing_node: "pve1",
      existing_address: "192.168.10.11",
      link0: "10.0.10.12",
      link1: "192.168.10.12",
    });
  });
});

describe("guests", () => {
  const json = synth(twoNodeQDeviceSpec());
  const vms = json.resource.proxmox_virtual_environment_vm;

  test("every network_device object carries all eleven keys (bpg 0.111.1 declares it an attribute)", () => {
    const keys = ["bridge", "disconnected", "enabled", "firewall", "mac_address", "model", "mtu", "queues", "rate_limit", "trunks", "vlan_id"];
    for (const vm of Object.values(vms)) {
      for (const nic of vm.network_device as Record<string, unknown>[]) expect(Object.keys(nic).sort()).toEqual(keys);
    }
    expect((vms.vm_app1.network_device as unknown[])[0]).toEqual({
      bridge: "vmbr1",
      disconnected: false,
      enabled: true,
      firewall: true,
      mac_address: null,
      model: "virtio",
      mtu: 1,
      queues: null,
      rate_limit: null,
      trunks: null,
      vlan_id: 100,
    });
  });

  test("the template imports the cloud image onto shared storage, with cloud-init, serial console and agent", () => {
    expect(vms.template_ubuntu_2404 ?? vms["template_ubuntu-2404"]).toMatchObject({
      template: true,
      vm_id: 9000,
      scsi_hardware: "virtio-scsi-single",
      boot_order: ["scsi0"],
      disk: [{ interface: "scsi0", datastore_id: "nas", import_from: "${proxmox_download_file.image_noble.id}" }],
      initialization: { datastore_id: "nas", interface: "ide2" },
      serial_device: [{ device: "socket" }],
      agent: { enabled: true },
      lifecycle: { prevent_destroy: true },
    });
    expect(json.resource.proxmox_download_file.image_noble).toMatchObject({ content_type: "import", datastore_id: "nas", checksum_algorithm: "sha256" });
  });

  test("clones have fixed VMIDs, migrate live, and get cloud-init user, keys and address (never a password)", () => {
    expect(vms.vm_app2).toMatchObject({
      vm_id: 202,
      node_name: "pve2",
      migrate: true,
      clone: { vm_id: 9000, full: true, node_name: "pve1", datastore_id: "nas" },
      initialization: {
        ip_config: [{ ipv4: { address: "10.100.0.12/24", gateway: "10.100.0.1" } }],
        user_account: { username: "ops", keys: [expect.stringMatching(/^ssh-ed25519 /)] },
        dns: { servers: ["10.100.0.1"] },
      },
      agent: { enabled: true },
      lifecycle: { ignore_changes: ["node_name"] },
    });
    expect(JSON.stringify(vms)).not.toMatch(/"password"/);
  });

  test("HA guests are PVE 9 rules, not groups", () => {
    expect(json.resource.proxmox_harule["ha_rule_app-prefers-pve1"]).toMatchObject({
      rule: "app-prefers-pve1",
      type: "node-affinity",
      resources: ["vm:201"],
      nodes: { pve1: 2, pve2: 1 },
      strict: false,
    });
    expect(JSON.stringify(json.resource.proxmox_haresource)).not.toMatch(/"group"/);
  });
});

describe("prevent_destroy", () => {
  const stateful = (json: TfJson): [string, boolean | undefined][] =>
    [...resources(json).entries()]
      .filter(([a]) => /^(proxmox_ceph_pool|proxmox_storage_|terraform_data)/.test(a) || resources(json).get(a)?.template === true)
      .map(([a, r]) => [a, r.lifecycle?.prevent_destroy]);

  test("pools, storages, templates and every cluster step are protected by default", () => {
    const entries = stateful(synth(baseSpec()));
    expect(entries.length).toBeGreaterThan(20);
    expect(entries.filter(([, p]) => p !== true)).toEqual([]);
  });

  test("preventDestroy: false is the explicit opt-out", () => {
    const entries = stateful(synth(withSpec((s) => ({ ...s, preventDestroy: false }))));
    expect(entries.filter(([, p]) => p !== undefined)).toEqual([]);
  });
});

describe("storages and backends", () => {
  test("CIFS and PBS credentials are Terraform variables; the password one is sensitive", () => {
    const json = synth(
      withSpec((s) => ({
        ...s,
        storages: [...(s.storages ?? []), { id: "backup", type: "pbs", server: "pbs.example", datastore: "main", content: ["backup"] }],
      })),
    );
    expect(json.resource.proxmox_storage_pbs.storage_backup).toMatchObject({
      username: "${var.backup_username}",
      password: "${var.backup_password}",
    });
    expect(json.variable?.backup_password).toMatchObject({ sensitive: true, type: "string" });
    expect(json.variable?.backup_username?.sensitive).toBeUndefined();
  });

  test("storage types bpg cannot create are an error naming the storage", () => {
    expect(() => synth(withSpec((s) => ({ ...s, storages: [...(s.storages ?? []), { id: "fs", type: "cephfs", content: ["iso"] }] })))).toThrow(
      '/spec/storages/2/type: storage "fs": type "cephfs" is not synthesized',
    );
  });

  test("an S3-compatible backend skips AWS-only checks and carries no credentials", () => {
    const json = synth(withSpec((s) => ({ ...s, backend: { type: "s3", bucket: "tf", key: "lab.tfstate", region: "main", endpoint: "https://minio.example:9000", usePathStyle: true } })));
    expect(json.terraform.backend.s3).toEqual({
      bucket: "tf",
      key: "lab.tfstate",
      region: "main",
      endpoints: { s3: "https://minio.example:9000" },
      use_path_style: true,
      skip_credentials_validation: true,
      skip_region_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_s3_checksum: true,
    });
  });

  test("http and pg backends take their secrets from the environment", () => {
    expect(synth(withSpec((s) => ({ ...s, backend: { type: "http", address: "https://state.example/lab" } }))).terraform.backend).toEqual({
      http: { address: "https://state.example/lab" },
    });
    expect(synth(withSpec((s) => ({ ...s, backend: { type: "pg", schemaName: "lab" } }))).terraform.backend).toEqual({ pg: { schema_name: "lab" } });
  });

  test("an absolute local state path is refused: it would tie the output to one machine", () => {
    expect(() => synth(withSpec((s) => ({ ...s, backend: { type: "local", path: "/srv/state/lab.tfstate" } })))).toThrow(/\/spec\/backend\/path: .*absolute/);
  });
});
