import { Problem, checkTerraformConfig, checkTerraformJson, committedProviderSchema, hasErrors } from "../../lib/terraform";

const schema = committedProviderSchema();

/** All eleven keys of a VM network device, as bpg/proxmox 0.111.1 types the `network_device` attribute. */
const NETWORK_DEVICE = {
  bridge: "vmbr0",
  disconnected: null,
  enabled: true,
  firewall: false,
  mac_address: null,
  model: "virtio",
  mtu: null,
  queues: null,
  rate_limit: null,
  trunks: null,
  vlan_id: null,
};

/** A configuration with one VM named `web`; `body` adds to (or overrides) its attributes. */
function withVm(body: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    provider: { proxmox: [{}] },
    resource: { proxmox_virtual_environment_vm: { web: { node_name: "pve1", ...body } } },
    ...extra,
  };
}

const VM = "resource.proxmox_virtual_environment_vm.web";

function errors(config: unknown): Problem[] {
  return checkTerraformJson(config, schema).filter((p) => p.severity === "error");
}

describe("a conforming configuration", () => {
  const config = {
    "//": { metadata: { backend: "local", stackName: "minimal", version: "0.24.0" } },
    terraform: {
      backend: { local: { path: "terraform.tfstate" } },
      required_providers: { proxmox: { source: "bpg/proxmox", version: "0.111.1" } },
    },
    variable: { vlan: { type: "number" } },
    provider: { proxmox: [{ insecure: false }, { alias: "pve2", endpoint: "${var.endpoint}", api_token: "${var.token}" }] },
    resource: {
      proxmox_network_linux_bridge: {
        vmbr1: { "//": { metadata: { path: "minimal/vmbr1" } }, node_name: "pve1", name: "vmbr1", vlan_aware: true, mtu: 1500 },
      },
      proxmox_virtual_environment_vm: {
        web: {
          node_name: "${proxmox_network_linux_bridge.vmbr1.node_name}",
          vm_id: "1000", // Terraform converts numeric strings
          started: "false", // and "true"/"false"/"1"/"0" to bools
          name: "web",
          cpu: { cores: 2, type: "x86-64-v2-AES" },
          memory: [{ dedicated: 2048 }],
          disk: [
            { interface: "scsi0", datastore_id: "local-lvm", size: 16 },
            { interface: "scsi1", datastore_id: "local-lvm", size: "${var.size}" },
          ],
          network_device: [NETWORK_DEVICE, { ...NETWORK_DEVICE, bridge: "vmbr1", vlan_id: "${var.vlan}" }],
          tags: ["web", "${var.env}"],
          provider: "proxmox.pve2",
          depends_on: ["proxmox_network_linux_bridge.vmbr1"],
          lifecycle: { prevent_destroy: true, ignore_changes: ["tags"], precondition: [{ condition: "${var.vlan > 0}", error_message: "vlan" }] },
          dynamic: { hostpci: { for_each: "${var.gpus}", content: { device: "hostpci0", mapping: "${hostpci.value}" } } },
        },
        fleet: { count: 3, node_name: "pve1", vm_id: "${2000 + count.index}" },
      },
      proxmox_cloned_vm: {
        // A plugin-framework resource: nested attributes, where optional keys may be left out.
        clone: { node_name: "pve1", clone: { source_vm_id: 9000 }, cpu: { cores: 4 } },
      },
      terraform_data: {
        "cluster-create": {
          input: { nodes: ["pve1", "pve2"] },
          triggers_replace: "${sha256(var.corosync)}",
          connection: { type: "ssh", host: "10.0.0.11", user: "root", private_key: "${file(var.key)}" },
          provisioner: [
            { "remote-exec": { inline: ["pvecm create lab --link0 10.10.0.11"] } },
            { "local-exec": { command: "echo done", when: "destroy", on_failure: "continue" } },
          ],
        },
      },
    },
    data: { proxmox_virtual_environment_nodes: { all: { depends_on: ["terraform_data.cluster-create"] } } },
    output: { vm: { value: "${proxmox_virtual_environment_vm.web.id}" } },
  };

  it("has no problems, and counts resources and data sources", () => {
    expect(checkTerraformConfig(config, schema)).toEqual({ problems: [], resources: 5, dataSources: 1 });
  });
});

describe("each kind of problem, with its JSON path", () => {
  it("reports an unknown resource or data source type, suggesting the closest one", () => {
    const config = { resource: { proxmox_virtual_environment_vmm: { web: {} } }, data: { proxmox_virtual_environment_nodess: { all: {} } } };
    expect(errors(config)).toEqual([
      {
        path: "resource.proxmox_virtual_environment_vmm",
        message:
          'unknown resource type "proxmox_virtual_environment_vmm": neither in bpg/proxmox 0.111.1 nor built into Terraform; did you mean "proxmox_virtual_environment_vm"?',
        severity: "error",
      },
      {
        path: "data.proxmox_virtual_environment_nodess",
        message:
          'unknown data source type "proxmox_virtual_environment_nodess": neither in bpg/proxmox 0.111.1 nor built into Terraform; did you mean "proxmox_virtual_environment_nodes"?',
        severity: "error",
      },
    ]);
  });

  it("reports an unknown attribute or block, also inside blocks", () => {
    expect(errors(withVm({ nmae: "web", disk: { interface: "scsi0", sizee: 8 } }))).toEqual([
      {
        path: `${VM}.nmae`,
        message: 'unknown attribute or block "nmae" in resource type proxmox_virtual_environment_vm; did you mean "name"?',
        severity: "error",
      },
      { path: `${VM}.disk.sizee`, message: 'unknown attribute or block "sizee" in the disk block; did you mean "size"?', severity: "error" },
    ]);
  });

  it("reports a missing required attribute, also when it is null", () => {
    const config = { resource: { proxmox_network_linux_bridge: { vmbr1: { name: "vmbr1", node_name: null } } } };
    expect(errors(config)).toEqual([
      { path: "resource.proxmox_network_linux_bridge.vmbr1", message: 'missing required attribute "node_name"', severity: "error" },
    ]);
  });

  it("reports a missing required block (min_items > 0)", () => {
    const config = { resource: { proxmox_virtual_environment_hosts: { etc: { node_name: "pve1" } } } };
    expect(errors(config)).toEqual([
      { path: "resource.proxmox_virtual_environment_hosts.etc", message: 'missing required block "entry" (at least 1)', severity: "error" },
    ]);
  });

  it("reports a missing required key of a nested attribute", () => {
    const config = { resource: { proxmox_cloned_vm: { c: { node_name: "pve1", clone: { full: true } } } } };
    expect(errors(config)).toEqual([
      { path: "resource.proxmox_cloned_vm.c.clone", message: 'missing required attribute "source_vm_id"', severity: "error" },
    ]);
  });

  it("reports values Terraform cannot convert to the attribute's type", () => {
    const config = withVm({
      vm_id: "abc",
      started: "True",
      tags: "web",
      cpu: { cores: [2] },
      memory: { dedicated: true },
      description: { text: "x" },
    });
    expect(errors(config)).toEqual([
      {
        path: `${VM}.vm_id`,
        message: 'must be a number, got the string "abc" (a string converts only when it is a number, like "42")',
        severity: "error",
      },
      {
        path: `${VM}.started`,
        message: 'must be a bool, got the string "True" (a string converts only when it is "true", "false", "1" or "0")',
        severity: "error",
      },
      { path: `${VM}.tags`, message: 'must be a list of string, got the string "web"', severity: "error" },
      { path: `${VM}.cpu.cores`, message: "must be a number, got a list of 1", severity: "error" },
      { path: `${VM}.memory.dedicated`, message: "must be a number, got the bool true", severity: "error" },
      { path: `${VM}.description`, message: "must be a string, got an object", severity: "error" },
    ]);
  });

  it("reports an object value that lacks keys of its type (the VM network_device trap)", () => {
    expect(errors(withVm({ network_device: [{ bridge: "vmbr0", model: "virtio" }] }))).toEqual([
      {
        path: `${VM}.network_device[0]`,
        message:
          'object is missing keys "disconnected", "enabled", "firewall", "mac_address", "mtu", "queues", "rate_limit", "trunks", "vlan_id": ' +
          "in JSON, Terraform needs every key of an object type; write null for the ones not set",
        severity: "error",
      },
    ]);
  });

  it("reports a key an object type does not have, which Terraform would silently drop", () => {
    expect(errors(withVm({ network_device: [{ ...NETWORK_DEVICE, vlan: 30 }] }))).toEqual([
      {
        path: `${VM}.network_device[0].vlan`,
        message: '"vlan" is not a key of this object (Terraform would silently drop it); did you mean "vlan_id"?',
        severity: "error",
      },
    ]);
  });

  it("reports a computed-only attribute set in configuration", () => {
    expect(errors(withVm({ ipv4_addresses: [["10.0.0.5"]] }))).toEqual([
      { path: `${VM}.ipv4_addresses`, message: '"ipv4_addresses" is computed by the provider and cannot be set in configuration', severity: "error" },
    ]);
  });

  it("reports too many blocks, and a list of several for a single block", () => {
    const config = {
      resource: {
        proxmox_virtual_environment_vm: { web: { node_name: "pve1", cpu: [{ cores: 1 }, { cores: 2 }] } },
        proxmox_storage_nfs: {
          nfs: { id: "nfs", server: "10.0.0.5", export: "/srv", backups: [{ keep_last: 1 }, { keep_last: 2 }] },
        },
      },
    };
    expect(errors(config)).toEqual([
      { path: `${VM}.cpu`, message: 'at most 1 "cpu" block is allowed, got 2', severity: "error" },
      { path: "resource.proxmox_storage_nfs.nfs.backups", message: 'only one "backups" block is allowed, got 2', severity: "error" },
    ]);
  });

  it("accepts a max_items 1 block as an object or a one-element list, and a single block as a one-element list", () => {
    expect(errors(withVm({ cpu: { cores: 1 } }))).toEqual([]);
    expect(errors(withVm({ cpu: [{ cores: 1 }] }))).toEqual([]);
    // HCL's JSON syntax reads each element of a list as one block, so one element is one block.
    const nfs = { id: "nfs", server: "10.0.0.5", export: "/srv", backups: [{ keep_last: 1 }] };
    expect(errors({ resource: { proxmox_storage_nfs: { nfs } } })).toEqual([]);
  });

  it("reports a block given as an expression", () => {
    expect(errors(withVm({ cpu: "${var.cpu}" }))).toEqual([
      { path: `${VM}.cpu`, message: 'a block cannot be given as an expression; generate repeated blocks with a "dynamic" block', severity: "error" },
    ]);
  });

  it("warns about deprecated resource types and attributes without failing", () => {
    const config = {
      resource: {
        proxmox_virtual_environment_haresource: { ha: { resource_id: "vm:100" } },
        proxmox_virtual_environment_vm: { web: { node_name: "pve1", timeout_move_disk: 60 } },
      },
    };
    const problems = checkTerraformJson(config, schema);
    expect(problems).toEqual([
      {
        path: "resource.proxmox_virtual_environment_haresource.ha",
        message: 'resource type "proxmox_virtual_environment_haresource" is deprecated in bpg/proxmox 0.111.1',
        severity: "warning",
      },
      { path: `${VM}.timeout_move_disk`, message: '"timeout_move_disk" is deprecated in bpg/proxmox 0.111.1', severity: "warning" },
    ]);
    expect(hasErrors(problems)).toBe(false);
  });

  it("warns when a sensitive attribute is a literal, because the secret lands in the JSON", () => {
    const config = { provider: { proxmox: { api_token: "root@pam!ci=0b6f", endpoint: "https://pve1:8006/" } } };
    expect(checkTerraformJson(config, schema)).toEqual([
      {
        path: "provider.proxmox.api_token",
        message: '"api_token" is sensitive but written as a literal, so the secret ends up in the JSON; pass it from a variable or the environment',
        severity: "warning",
      },
    ]);
  });

  it("checks the provider block against the provider schema", () => {
    expect(errors({ provider: { proxmox: [{ endpont: "x" }, { alias: "pve2", insecure: "yes" }] } })).toEqual([
      { path: "provider.proxmox[0].endpont", message: 'unknown attribute or block "endpont" in provider proxmox; did you mean "endpoint"?', severity: "error" },
      {
        path: "provider.proxmox[1].insecure",
        message: 'must be a bool, got the string "yes" (a string converts only when it is "true", "false", "1" or "0")',
        severity: "error",
      },
    ]);
  });

  it("warns when the configuration pins another provider version than the schema's, but not for a range", () => {
    const pin = (version: string) => ({ terraform: { required_providers: { proxmox: { source: "bpg/proxmox", version } } } });
    expect(checkTerraformJson(pin("0.110.0"), schema)).toEqual([
      {
        path: "terraform.required_providers.proxmox.version",
        message: "the configuration pins bpg/proxmox 0.110.0, but is checked against the schema of bpg/proxmox 0.111.1",
        severity: "warning",
      },
    ]);
    expect(checkTerraformJson(pin("= 0.111.1"), schema)).toEqual([]);
    expect(checkTerraformJson(pin("~> 0.111"), schema)).toEqual([]);
  });

  it("reports unknown top-level keys", () => {
    expect(errors({ resources: {} })).toEqual([
      { path: "resources", message: '"resources" is not a Terraform top-level block; did you mean "resource"?', severity: "error" },
    ]);
  });

  it("reports a configuration that is not an object at the root", () => {
    expect(errors([1, 2])).toEqual([{ path: "", message: "a Terraform JSON configuration is a JSON object, not a list of 2", severity: "error" }]);
  });
});

describe("value conversion follows Terraform", () => {
  const vmId = (value: unknown) => errors(withVm({ vm_id: value }));
  const started = (value: unknown) => errors(withVm({ started: value }));
  const name = (value: unknown) => errors(withVm({ name: value }));

  it.each(["1000", "-3", "+3", "1.5", ".5", "5.", "1e3", "1E-2", "1p3", "Inf", "-inf", "0010"])("converts the string %p to a number", (s) => {
    expect(vmId(s)).toEqual([]);
  });

  it.each(["", " 1", "1 ", "0x10", "1_000", "NaN", "INF", "ten"])("does not convert the string %p to a number", (s) => {
    expect(vmId(s)).toHaveLength(1);
  });

  it.each(["true", "false", "1", "0"])("converts the string %p to a bool", (s) => {
    expect(started(s)).toEqual([]);
  });

  it.each(["True", "yes", "on", ""])("does not convert the string %p to a bool", (s) => {
    expect(started(s)).toHaveLength(1);
  });

  it("converts numbers and bools to strings, but not lists or objects", () => {
    expect(name(42)).toEqual([]);
    expect(name(true)).toEqual([]);
    expect(name(["a"])).toHaveLength(1);
  });

  it("never converts between numbers and bools", () => {
    expect(vmId(true)).toHaveLength(1);
    expect(started(1)).toHaveLength(1);
  });

  it("accepts any template with an interpolation or directive anywhere, and null for unset", () => {
    expect(vmId("${var.id}")).toEqual([]);
    expect(vmId("%{if var.big}2000%{else}1000%{endif}")).toEqual([]);
    expect(vmId(null)).toEqual([]);
    expect(errors(withVm({ tags: ["a", "${var.tag}", null] }))).toEqual([]);
  });

  it("treats $${ as an escaped literal, not an interpolation", () => {
    expect(vmId("$${var.id}")).toHaveLength(1);
  });
});

describe("meta-arguments", () => {
  it("accepts the cdktn metadata comment key in every resource body", () => {
    expect(errors(withVm({ "//": { metadata: { path: "stack/web", uniqueId: "web" } } }))).toEqual([]);
  });

  it("reports depends_on entries that are templates or name undeclared resources", () => {
    expect(errors(withVm({ depends_on: ["${proxmox_network_linux_bridge.vmbr1}", "proxmox_network_linux_bridge.vmbr9"] }))).toEqual([
      {
        path: `${VM}.depends_on[0]`,
        message: 'depends_on takes plain references such as "proxmox_network_linux_bridge.vmbr1", not templates: "${proxmox_network_linux_bridge.vmbr1}"',
        severity: "error",
      },
      {
        path: `${VM}.depends_on[1]`,
        message: "proxmox_virtual_environment_vm.web depends on proxmox_network_linux_bridge.vmbr9, which this configuration does not declare",
        severity: "error",
      },
    ]);
  });

  it("reports depends_on entries that name an attribute or only a type", () => {
    const depends_on = ["proxmox_network_linux_bridge.vmbr1.id", "proxmox_network_linux_bridge", "proxmox_network_linux_bridge.vmbr1[0]"];
    const config = {
      resource: {
        proxmox_network_linux_bridge: { vmbr1: { count: 1, node_name: "pve1", name: "vmbr1" } },
        proxmox_virtual_environment_vm: { web: { node_name: "pve1", depends_on } },
      },
    };
    expect(errors(config)).toEqual([
      {
        path: `${VM}.depends_on[0]`,
        message: 'depends_on must name a whole resource such as "proxmox_network_linux_bridge.vmbr1", not one of its attributes',
        severity: "error",
      },
      {
        path: `${VM}.depends_on[1]`,
        message: '"proxmox_network_linux_bridge" does not name a resource; write "type.name" or "data.type.name"',
        severity: "error",
      },
    ]);
  });

  it("reports count and for_each together, and a negative count", () => {
    expect(errors(withVm({ count: -1, for_each: "${var.vms}" }))).toEqual([
      { path: VM, message: '"count" and "for_each" cannot both be set; use one of them', severity: "error" },
      { path: `${VM}.count`, message: '"count" must be a whole number of at least 0 or an expression, got the number -1', severity: "error" },
    ]);
  });

  it("reports a provider alias that no provider block declares", () => {
    expect(errors(withVm({ provider: "proxmox.pve3" }))).toEqual([
      { path: `${VM}.provider`, message: 'no proxmox provider configuration has alias "pve3"; add one to provider.proxmox', severity: "error" },
    ]);
  });

  it("checks lifecycle keys, literal-only settings, and data-source restrictions", () => {
    const config = withVm(
      { lifecycle: { prevent_destroy: "${var.keep}", ignore_change: ["tags"], ignore_changes: "tags" } },
      { data: { proxmox_virtual_environment_nodes: { all: { lifecycle: { create_before_destroy: true } } } } },
    );
    expect(errors(config)).toEqual([
      {
        path: `${VM}.lifecycle.prevent_destroy`,
        message: '"prevent_destroy" must be a literal true or false: Terraform reads lifecycle settings before it evaluates expressions',
        severity: "error",
      },
      { path: `${VM}.lifecycle.ignore_change`, message: '"ignore_change" is not a lifecycle setting; did you mean "ignore_changes"?', severity: "error" },
      { path: `${VM}.lifecycle.ignore_changes`, message: '"ignore_changes" must be a list of attribute names, or "all", got the string "tags"', severity: "error" },
      {
        path: "data.proxmox_virtual_environment_nodes.all.lifecycle.create_before_destroy",
        message: '"create_before_destroy" is a lifecycle setting of resources, not of data sources',
        severity: "error",
      },
    ]);
  });

  describe("provisioners", () => {
    const step = (body: Record<string, unknown>) => ({ resource: { terraform_data: { step: body } } });
    const STEP = "resource.terraform_data.step";
    const connection = { type: "ssh", host: "10.0.0.11", user: "root" };

    it("accepts a remote-exec step with a connection on the resource (an object or a list of one) or on the provisioner", () => {
      expect(errors(step({ connection, provisioner: [{ "remote-exec": { inline: ["true"] } }] }))).toEqual([]);
      expect(errors(step({ connection: [connection], provisioner: [{ "remote-exec": { inline: ["true"] } }] }))).toEqual([]);
      expect(errors(step({ provisioner: [{ "remote-exec": { script: "setup.sh", connection } }] }))).toEqual([]);
    });

    it("reports an unknown provisioner type and unknown provisioner arguments", () => {
      expect(errors(step({ connection, provisioner: [{ "remote-exe": { inline: ["true"] } }, { "local-exec": { cmd: "x" } }] }))).toEqual([
        {
          path: `${STEP}.provisioner[0].remote-exe`,
          message: 'unknown provisioner "remote-exe": Terraform provides "local-exec", "remote-exec" and "file"',
          severity: "error",
        },
        { path: `${STEP}.provisioner[1].local-exec.cmd`, message: 'unknown attribute or block "cmd" in provisioner local-exec', severity: "error" },
        { path: `${STEP}.provisioner[1].local-exec`, message: 'missing required attribute "command"', severity: "error" },
      ]);
    });

    it("reports a remote-exec without exactly one command source, and without a host to reach", () => {
      expect(errors(step({ provisioner: [{ "remote-exec": { inline: ["a"], script: "b.sh" } }] }))).toEqual([
        { path: `${STEP}.provisioner[0].remote-exec`, message: 'remote-exec needs exactly one of "inline", "script" or "scripts"', severity: "error" },
        {
          path: `${STEP}.provisioner[0].remote-exec`,
          message: "remote-exec needs a connection block (on the resource or in the provisioner) to reach its host",
          severity: "error",
        },
      ]);
      expect(errors(step({ connection: { user: "root" }, provisioner: [{ "local-exec": { command: "true" } }] }))).toEqual([
        {
          path: `${STEP}.provisioner[0].local-exec`,
          message: `the connection for this provisioner has no "host"; set it in the resource's or the provisioner's connection block`,
          severity: "error",
        },
      ]);
    });

    it("reports a provisioner list entry that is not an object, and a bad when", () => {
      expect(errors(step({ provisioner: ["local-exec", { "local-exec": { command: "x", when: "later" } }] }))).toEqual([
        {
          path: `${STEP}.provisioner[0]`,
          message: 'a provisioner is an object naming its type, such as {"remote-exec": {...}}; got the string "local-exec"',
          severity: "error",
        },
        { path: `${STEP}.provisioner[1].local-exec.when`, message: '"when" must be "create" or "destroy", got the string "later"', severity: "error" },
      ]);
    });

    it("knows terraform_data's computed attributes", () => {
      expect(errors(step({ id: "x", input: 1 }))).toEqual([
        { path: `${STEP}.id`, message: '"id" is computed by the provider and cannot be set in configuration', severity: "error" },
      ]);
    });
  });

  it("checks dynamic blocks: the block type must exist and content is checked like a block", () => {
    const config = withVm({
      dynamic: {
        hostpcii: { for_each: "${var.x}", content: {} },
        disk: { for_each: "${var.disks}", content: { interface: "${disk.value}", sise: 8 } },
      },
    });
    expect(errors(config)).toEqual([
      {
        path: `${VM}.dynamic.hostpcii`,
        message: 'dynamic block "hostpcii": resource type proxmox_virtual_environment_vm has no block type "hostpcii"; did you mean "hostpci"?',
        severity: "error",
      },
      { path: `${VM}.dynamic.disk.content.sise`, message: 'unknown attribute or block "sise" in the disk block; did you mean "size"?', severity: "error" },
    ]);
  });

  it("lets a legacy-SDK list-of-object attribute be written as a dynamic block, with every key optional", () => {
    const config = withVm({ dynamic: { network_device: { for_each: "${var.nics}", content: { bridge: "${network_device.value}" } } } });
    expect(errors(config)).toEqual([]);
  });
});
