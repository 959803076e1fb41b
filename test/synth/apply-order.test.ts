import { baseSpec } from "../fixtures/base-spec";
import { comesAfter, dependencyClosure, resources, stepsOfKind, synth, TfJson, twoNodeQDeviceSpec } from "./helpers";

/**
 * The synthesized graph must encode the apply order with explicit depends_on
 * (architecture.md). These tests walk depends_on transitively, so they hold no
 * matter how many intermediate steps a phase has.
 */
function addressesOfType(json: TfJson, type: string): string[] {
  return Object.keys(json.resource[type] ?? {}).map((name) => `${type}.${name}`);
}

function expectAllAfter(json: TfJson, later: readonly string[], earlier: readonly string[]): void {
  expect(later.length).toBeGreaterThan(0);
  expect(earlier.length).toBeGreaterThan(0);
  for (const l of later) {
    const closure = dependencyClosure(json, l);
    const missing = earlier.filter((e) => !closure.has(e));
    expect({ resource: l, doesNotWaitFor: missing }).toEqual({ resource: l, doesNotWaitFor: [] });
  }
}

describe.each([
  ["three nodes with Ceph (base spec)", baseSpec],
  ["two nodes with a QDevice", twoNodeQDeviceSpec],
])("apply order: %s", (_title, makeSpec) => {
  const json = synth(makeSpec());
  const create = stepsOfKind(json, "cluster-create");
  const joins = stepsOfKind(json, "cluster-join");

  test("the cluster is created once, on the first node, after every node's network", () => {
    expect(create).toEqual(["terraform_data.cluster_create"]);
    const networks = [
      ...addressesOfType(json, "proxmox_network_linux_bridge"),
      ...addressesOfType(json, "proxmox_network_linux_vlan"),
      ...addressesOfType(json, "proxmox_network_linux_bond"),
    ];
    expectAllAfter(json, create, networks);
  });

  test("no join runs before the create, and the joins form one chain in node order", () => {
    expect(joins.length).toBe(makeSpec().spec.nodes.length - 1);
    expectAllAfter(json, joins, create);
    for (let i = 1; i < joins.length; i++) {
      expect(resources(json).get(joins[i])?.depends_on).toEqual([joins[i - 1]]);
    }
  });

  test("every join passes the joining node's address on every corosync link", () => {
    const links = makeSpec().spec.corosync.links.map((l) => `link${l.id}`);
    for (const join of joins) {
      const input = resources(json).get(join)?.input ?? {};
      expect(Object.keys(input).filter((k) => k.startsWith("link")).sort()).toEqual(links.sort());
    }
  });

  test("storages, cluster options, images, templates, clones and HA come after the cluster is complete", () => {
    const lastMember = joins[joins.length - 1];
    const later = [
      ...addressesOfType(json, "proxmox_storage_directory"),
      ...addressesOfType(json, "proxmox_cluster_options"),
      ...addressesOfType(json, "proxmox_download_file"),
      ...addressesOfType(json, "proxmox_virtual_environment_vm"),
      ...addressesOfType(json, "proxmox_haresource"),
      ...addressesOfType(json, "proxmox_harule"),
    ];
    expectAllAfter(json, later, [lastMember]);
  });

  test("templates come after their image and their storage; clones after their template", () => {
    const vms = resources(json);
    const templates = [...vms.keys()].filter((a) => vms.get(a)?.template === true);
    const clones = [...vms.keys()].filter((a) => vms.get(a)?.clone !== undefined);
    expectAllAfter(json, templates, addressesOfType(json, "proxmox_download_file"));
    for (const t of templates) {
      const storage = (vms.get(t)?.disk as { datastore_id: string }[])[0].datastore_id;
      const creator = [...vms.keys()].find((a) => a.endsWith(`_${storage}`) && (a.startsWith("proxmox_storage_") || a.startsWith("terraform_data.rbd_storage")));
      expect(creator).toBeDefined();
      expect(comesAfter(json, t, creator as string)).toBe(true);
    }
    expectAllAfter(json, clones, templates);
  });

  test("HA resources come after their VM, HA rules after the HA resources they name", () => {
    const ha = addressesOfType(json, "proxmox_haresource");
    for (const h of ha) {
      const vmid = String(resources(json).get(h)?.resource_id).replace("vm:", "");
      const vm = addressesOfType(json, "proxmox_virtual_environment_vm").find((v) => String(resources(json).get(v)?.vm_id) === vmid);
      expect(comesAfter(json, h, vm as string)).toBe(true);
    }
    const rules = addressesOfType(json, "proxmox_harule");
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      for (const member of resources(json).get(rule)?.resources as string[]) {
        const haOfMember = ha.find((h) => resources(json).get(h)?.resource_id === member);
        expect(comesAfter(json, rule, haOfMember as string)).toBe(true);
      }
    }
  });
});

describe("apply order: QDevice", () => {
  const json = synth(twoNodeQDeviceSpec());

  test("the QDevice is set up after the last join, once every node has the QDevice client", () => {
    const [qdevice] = stepsOfKind(json, "qdevice");
    const joins = stepsOfKind(json, "cluster-join");
    expect(comesAfter(json, qdevice, joins[joins.length - 1])).toBe(true);
    expectAllAfter(json, [qdevice], stepsOfKind(json, "qdevice-client-install"));
    expectAllAfter(json, [qdevice], stepsOfKind(json, "qnetd-install"));
    expect(stepsOfKind(json, "qdevice-client-install")).toHaveLength(2);
  });

  test("everything cluster-wide waits for the QDevice, so the cluster has its third vote first", () => {
    const [qdevice] = stepsOfKind(json, "qdevice");
    expectAllAfter(json, addressesOfType(json, "proxmox_storage_nfs"), [qdevice]);
    expectAllAfter(json, addressesOfType(json, "proxmox_cluster_options"), [qdevice]);
  });
});

describe("apply order: Ceph", () => {
  const json = synth(baseSpec());
  const mons = stepsOfKind(json, "ceph-mon");
  const mgrs = stepsOfKind(json, "ceph-mgr");
  const osds = stepsOfKind(json, "ceph-osd");

  test("Ceph is installed on every Ceph node after the cluster is complete, then initialised once", () => {
    const installs = stepsOfKind(json, "ceph-install");
    expect(installs).toHaveLength(3);
    expectAllAfter(json, installs, [stepsOfKind(json, "cluster-join").pop() as string]);
    expectAllAfter(json, stepsOfKind(json, "ceph-init"), installs);
    expectAllAfter(json, mons, stepsOfKind(json, "ceph-init"));
  });

  test("monitors are created one at a time", () => {
    expect(mons).toHaveLength(3);
    expect(comesAfter(json, mons[1], mons[0])).toBe(true);
    expect(comesAfter(json, mons[2], mons[1])).toBe(true);
  });

  test("OSDs come after every monitor and manager", () => {
    expect(osds).toHaveLength(12);
    expectAllAfter(json, osds, [...mons, ...mgrs]);
  });

  test("pools come after every OSD, and the RBD storage after its pool", () => {
    const pools = addressesOfType(json, "proxmox_ceph_pool");
    expectAllAfter(json, pools, osds);
    expectAllAfter(json, stepsOfKind(json, "rbd-storage"), pools);
  });
});
