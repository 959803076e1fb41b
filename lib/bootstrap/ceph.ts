import {
  BootstrapInputError,
  BootstrapScript,
  assign,
  attemptsFor,
  boolean,
  cephName,
  cidr,
  crushName,
  devicePath,
  field,
  integer,
  ipAddress,
  nodeName,
  oneOf,
  pollLoop,
  renderScript,
  requireNode,
  requirePatternOf,
  commandLine,
  shellCommand,
  shellQuote,
} from "./shell";

export type CephRepository = "enterprise" | "no-subscription" | "test" | "manual";

/** The Ceph release installed when none is given: the pveceph default of PVE 9.0. */
export const DEFAULT_CEPH_VERSION = "squid";

/** CRUSH bucket types of Ceph's default hierarchy, usable as failure domains. */
export const CRUSH_FAILURE_DOMAINS = [
  "osd",
  "host",
  "chassis",
  "rack",
  "row",
  "pdu",
  "pod",
  "room",
  "datacenter",
  "zone",
  "region",
] as const;

export interface CephInstallOptions {
  /** @default "enterprise" (pveceph's default; needs a subscription) */
  readonly repository?: CephRepository;
  /** Release code name, e.g. "squid". Always passed, so pveceph never asks. @default "squid" */
  readonly version?: string;
  /** `--allow-experimental 1`: needed for a release PVE still marks as tech preview. @default false */
  readonly allowExperimental?: boolean;
}

export interface CephInitOptions {
  /** CIDR of the Ceph public network. */
  readonly publicNetwork: string;
  /** CIDR of the separate OSD replication network. @default the public network */
  readonly clusterNetwork?: string;
}

export interface CephMonOptions {
  /** This node's address on the Ceph public network. */
  readonly monAddress: string;
  /** Node the monitor runs on (also its ID); the script refuses to run elsewhere. */
  readonly nodeName: string;
}

export interface CephMgrOptions {
  /** Node the manager runs on (also its ID); the script refuses to run elsewhere. */
  readonly nodeName: string;
}

export interface CephMdsOptions {
  /** Node the metadata server runs on (also its ID); the script refuses to run elsewhere. */
  readonly nodeName: string;
  /** `--hotstandby 1`: follow the active MDS journal for faster failover. @default false */
  readonly hotStandby?: boolean;
}

export interface CephOsdOptions {
  /** Whole disk under /dev (a /dev/disk/by-id path is recommended). */
  readonly device: string;
  /** `--crush-device-class`. @default detected by Ceph */
  readonly deviceClass?: string;
  /** `--db_dev`: separate device for block.db. @default on the OSD device */
  readonly dbDevice?: string;
}

export interface CephCrushRuleOptions {
  readonly ruleName: string;
  /** Device class the rule is restricted to, e.g. "ssd". */
  readonly deviceClass: string;
  /** CRUSH bucket type replicas are spread over, e.g. "host". */
  readonly failureDomain: string;
  /** CRUSH root. @default "default" */
  readonly root?: string;
}

export interface CephFsOptions {
  /** File system name. @default "cephfs" */
  readonly name?: string;
  /** Placement groups of the data pool (the metadata pool gets a quarter). @default 128 */
  readonly pgNum?: number;
  /** `--add-storage 1`: also add a PVE storage named like the file system. @default false */
  readonly addStorage?: boolean;
}

export interface CephHealthWaitOptions {
  /** @default 600 */
  readonly timeoutSeconds?: number;
  /**
   * Accept HEALTH_WARN as well as HEALTH_OK (a new cluster without OSDs warns,
   * so waiting between MON creation and OSD creation needs this). @default false
   */
  readonly allowWarn?: boolean;
}

/** Every ceph CLI call is bounded: without a reachable monitor it would otherwise wait forever. */
const CEPH = ["ceph", "--connect-timeout", "60"] as const;
const HEALTH_POLL_SECONDS = 10;

/**
 * Installs the Ceph packages (every Ceph node): `pveceph install --repository R --version V`.
 * Done when the Ceph daemons are installed (pveceph's install flag gone) and
 * `ceph --version` names the release; a different release is an error
 * (upgrades are a manual procedure).
 */
export function cephInstallScript(o: CephInstallOptions = {}): BootstrapScript {
  const fn = "cephInstallScript";
  const repository = oneOf(field(fn, "repository"), o.repository ?? "enterprise", [
    "enterprise",
    "no-subscription",
    "test",
    "manual",
  ] as const);
  const version = requirePatternOf(field(fn, "version"), o.version ?? DEFAULT_CEPH_VERSION, /^[a-z]+$/, "a Ceph release code name such as squid");
  const words = ["pveceph", "install", "--repository", repository, "--version", version];
  if (o.allowExperimental !== undefined && boolean(field(fn, "allowExperimental"), o.allowExperimental)) {
    words.push("--allow-experimental", "1");
  }
  return renderScript("ceph-install", `install Ceph ${version} from the ${repository} repository`, [
    assign("version", version),
    "installed() {",
    "  local binary",
    "  for binary in usr/bin/ceph usr/bin/ceph-mon usr/bin/ceph-mgr usr/bin/ceph-osd usr/sbin/ceph-volume; do",
    '    [ -x "$root/$binary" ] || return 1',
    "  done",
    "  # pveceph keeps this flag file while apt is still unpacking.",
    '  [ ! -e "$root/run/pve-ceph-install-flag" ]',
    "}",
    "",
    "if installed; then",
    '  current=$(ceph --version 2>/dev/null) || current=""',
    '  if [[ $current == *" $version "* ]]; then',
    '    say "already done: $current"',
    "    exit 0",
    "  fi",
    `  fail "Ceph is installed but is not release $version ('$current'); changing the Ceph release is a manual upgrade"`,
    "fi",
    "",
    `say "installing Ceph $version from the ${repository} repository"`,
    "# remote-exec runs this on a terminal, where pveceph and apt would ask questions and wait.",
    "# Piping the output makes pveceph non-interactive; empty lines on standard input take apt's",
    '# default answers ("Do you want to continue? [Y/n]" is yes, anything risky defaults to no).',
    `${commandLine(...words)} < <(yes '') | cat`,
    'current=$(ceph --version 2>/dev/null) || current=""',
    'if ! installed || [[ $current != *" $version "* ]]; then',
    `  fail "pveceph install returned, but the Ceph $version daemons are not installed ('$current')"`,
    "fi",
    'say "done: $current"',
  ]);
}

/**
 * Writes the initial Ceph configuration (first Ceph node): `pveceph init --network N [--cluster-network C]`.
 * Done when /etc/pve/ceph.conf exists with the same networks; other networks there are an error.
 */
export function cephInitScript(o: CephInitOptions): BootstrapScript {
  const fn = "cephInitScript";
  const publicNet = cidr(field(fn, "publicNetwork"), o.publicNetwork);
  const clusterNet = o.clusterNetwork === undefined ? undefined : cidr(field(fn, "clusterNetwork"), o.clusterNetwork);
  const words = ["pveceph", "init", "--network", publicNet];
  if (clusterNet !== undefined) words.push("--cluster-network", clusterNet);
  return renderScript("ceph-init", `initialise Ceph with public network ${publicNet}`, [
    assign("public_network", publicNet),
    "# pveceph init uses the public network for OSD traffic too unless a cluster network is given.",
    assign("cluster_network", clusterNet ?? publicNet),
    'conf="$root/etc/pve/ceph.conf"',
    "",
    "# The value of a key in ceph.conf; Ceph treats '_' and ' ' in key names alike.",
    "conf_value() {",
    `  awk -v key="$1" '`,
    "    index($0, \"=\") > 0 {",
    '      name = substr($0, 1, index($0, "=") - 1)',
    '      gsub(/^[[:space:]]+|[[:space:]]+$/, "", name)',
    '      gsub(/ /, "_", name)',
    "      if (name == key) {",
    '        value = substr($0, index($0, "=") + 1)',
    '        gsub(/^[[:space:]]+|[[:space:]]+$/, "", value)',
    "        print value",
    "        exit",
    "      }",
    "    }",
    `  ' "$conf"`,
    "}",
    "",
    'if [ -f "$conf" ]; then',
    "  current_public=$(conf_value public_network)",
    "  current_cluster=$(conf_value cluster_network)",
    '  if [ "$current_public" = "$public_network" ] && [ "$current_cluster" = "$cluster_network" ]; then',
    '    say "already done: Ceph uses public network $public_network and cluster network $cluster_network"',
    "    exit 0",
    "  fi",
    `  fail "Ceph is already initialised with public network '$current_public' and cluster network '$current_cluster', not '$public_network' and '$cluster_network'; pvecdk does not move Ceph networks"`,
    "fi",
    "",
    'say "initialising Ceph on public network $public_network"',
    commandLine(...words),
    '[ -f "$conf" ] || fail "pveceph init returned, but /etc/pve/ceph.conf does not exist"',
    'say "done: Ceph configuration written"',
  ]);
}

/**
 * Creates this node's monitor: `pveceph mon create --mon-address A` (the first
 * monitor also gets a manager). Done when /var/lib/ceph/mon/ceph-<node> exists.
 */
export function cephMonScript(o: CephMonOptions): BootstrapScript {
  const fn = "cephMonScript";
  const node = nodeName(field(fn, "nodeName"), o.nodeName);
  const address = ipAddress(field(fn, "monAddress"), o.monAddress);
  return daemonScript({
    step: "ceph-mon",
    node,
    kind: "monitor",
    dir: "mon",
    summary: `create Ceph monitor mon.${node} on ${address}`,
    command: ["pveceph", "mon", "create", "--mon-address", address],
  });
}

/** Creates this node's manager: `pveceph mgr create`. Done when /var/lib/ceph/mgr/ceph-<node> exists. */
export function cephMgrScript(o: CephMgrOptions): BootstrapScript {
  const node = nodeName(field("cephMgrScript", "nodeName"), o.nodeName);
  return daemonScript({
    step: "ceph-mgr",
    node,
    kind: "manager",
    dir: "mgr",
    summary: `create Ceph manager mgr.${node}`,
    command: ["pveceph", "mgr", "create"],
  });
}

/** Creates this node's CephFS metadata server: `pveceph mds create`. Done when /var/lib/ceph/mds/ceph-<node> exists. */
export function cephMdsScript(o: CephMdsOptions): BootstrapScript {
  const fn = "cephMdsScript";
  const node = nodeName(field(fn, "nodeName"), o.nodeName);
  if (/^[0-9]+$/.test(node)) {
    throw new BootstrapInputError(`${fn}: nodeName "${node}" is all digits, and Ceph refuses numeric-only MDS IDs`);
  }
  const command = ["pveceph", "mds", "create"];
  if (o.hotStandby !== undefined && boolean(field(fn, "hotStandby"), o.hotStandby)) command.push("--hotstandby", "1");
  return daemonScript({ step: "ceph-mds", node, kind: "metadata server", dir: "mds", summary: `create Ceph metadata server mds.${node}`, command });
}

/**
 * Creates an OSD on a whole disk: `pveceph osd create <dev> [--crush-device-class X] [--db_dev Y]`.
 * Done when `ceph-volume lvm list` shows an OSD block volume on the disk.
 */
export function cephOsdScript(o: CephOsdOptions): BootstrapScript {
  const fn = "cephOsdScript";
  const device = devicePath(field(fn, "device"), o.device);
  const words = ["pveceph", "osd", "create", device];
  if (o.deviceClass !== undefined) words.push("--crush-device-class", crushName(field(fn, "deviceClass"), o.deviceClass));
  if (o.dbDevice !== undefined) {
    const db = devicePath(field(fn, "dbDevice"), o.dbDevice);
    if (db === device) throw new BootstrapInputError(`${fn}: dbDevice must differ from device (${JSON.stringify(device)})`);
    words.push("--db_dev", db);
  }
  return renderScript("ceph-osd", `create a Ceph OSD on ${device}`, [
    assign("device", device),
    "# ceph-volume knows disks by their kernel names, so follow /dev/disk/by-id links first.",
    'real_device=$(readlink -f -- "$device") || real_device=$device',
    "",
    "# ceph-volume lists the OSD volumes on a disk as JSON ({} when there are none).",
    "has_osd() {",
    "  local listing pattern",
    '  listing=$(ceph-volume lvm list --format json "$real_device") || fail "ceph-volume could not list the volumes on $real_device"',
    `  pattern='"type":[[:space:]]*"block"'`,
    "  [[ $listing =~ $pattern ]]",
    "}",
    "",
    "if has_osd; then",
    '  say "already done: $device holds an OSD"',
    "  exit 0",
    "fi",
    'say "creating an OSD on $device"',
    commandLine(...words),
    'has_osd || fail "pveceph osd create returned, but ceph-volume shows no OSD on $real_device"',
    'say "done: OSD created on $device"',
  ]);
}

/**
 * Adds a replicated CRUSH rule limited to one device class:
 * `ceph osd crush rule create-replicated <name> <root> <failure-domain> <class>`.
 * Done when `ceph osd crush rule ls` lists the name (an existing rule is not compared or changed).
 */
export function cephCrushRuleScript(o: CephCrushRuleOptions): BootstrapScript {
  const fn = "cephCrushRuleScript";
  const rule = crushName(field(fn, "ruleName"), o.ruleName);
  const deviceClass = crushName(field(fn, "deviceClass"), o.deviceClass);
  const domain = oneOf(field(fn, "failureDomain"), o.failureDomain, CRUSH_FAILURE_DOMAINS);
  const root = crushName(field(fn, "root"), o.root ?? "default");
  const listRules = shellCommand(...CEPH, "osd", "crush", "rule", "ls");
  return renderScript("ceph-crush-rule", `add CRUSH rule ${rule} (${deviceClass} devices, one replica per ${domain})`, [
    assign("rule", rule),
    "has_rule() {",
    "  local rules",
    `  rules=$(${listRules}) || fail "could not list the CRUSH rules; is Ceph reachable from this node?"`,
    '  grep -qxF -- "$rule" <<<"$rules"',
    "}",
    "",
    "if has_rule; then",
    '  say "already done: CRUSH rule $rule exists"',
    "  exit 0",
    "fi",
    `say "adding CRUSH rule $rule"`,
    commandLine(...CEPH, "osd", "crush", "rule", "create-replicated", rule, root, domain, deviceClass),
    'has_rule || fail "ceph returned, but CRUSH rule $rule is not listed"',
    'say "done: CRUSH rule $rule added"',
  ]);
}

/**
 * Creates a CephFS file system with its data and metadata pools (needs a
 * running MDS): `pveceph fs create --name N --pg_num P [--add-storage 1]`.
 * Done when `ceph fs get <name>` finds it.
 */
export function cephFsScript(o: CephFsOptions = {}): BootstrapScript {
  const fn = "cephFsScript";
  const name = cephName(field(fn, "name"), o.name ?? "cephfs");
  const pgNum = integer(field(fn, "pgNum"), o.pgNum ?? 128, 8, 32768);
  const words = ["pveceph", "fs", "create", "--name", name, "--pg_num", String(pgNum)];
  if (o.addStorage !== undefined && boolean(field(fn, "addStorage"), o.addStorage)) words.push("--add-storage", "1");
  const fsGet = `${shellCommand(...CEPH, "fs", "get")} "$fs_name" >/dev/null 2>&1`;
  return renderScript("ceph-fs", `create CephFS ${name}`, [
    assign("fs_name", name),
    "rc=0",
    `${fsGet} || rc=$?`,
    "case $rc in",
    '  0) say "already done: CephFS $fs_name exists"; exit 0 ;;',
    "  2) ;; # ENOENT: no such file system yet",
    '  *) fail "could not ask Ceph about CephFS $fs_name (ceph exited with $rc); is Ceph reachable from this node?" ;;',
    "esac",
    'say "creating CephFS $fs_name"',
    commandLine(...words),
    `${fsGet} || fail "pveceph fs create returned, but Ceph does not know CephFS $fs_name"`,
    'say "done: CephFS $fs_name created"',
  ]);
}

/** Waits until `ceph health` reports HEALTH_OK (or HEALTH_WARN when allowed). Read-only. */
export function cephHealthWaitScript(o: CephHealthWaitOptions = {}): BootstrapScript {
  const fn = "cephHealthWaitScript";
  const timeout = integer(field(fn, "timeoutSeconds"), o.timeoutSeconds ?? 600, 1, 86400);
  const allowWarn = o.allowWarn === undefined ? false : boolean(field(fn, "allowWarn"), o.allowWarn);
  const attempts = attemptsFor(timeout, HEALTH_POLL_SECONDS);
  const accepted = allowWarn ? "HEALTH_OK* | HEALTH_WARN*" : "HEALTH_OK*";
  return renderScript("ceph-health-wait", `wait until Ceph reports ${allowWarn ? "HEALTH_OK or HEALTH_WARN" : "HEALTH_OK"}`, [
    'health=""',
    ...pollLoop(
      [
        `health=$(${shellCommand("ceph", "--connect-timeout", "10", "health")} 2>&1) || health="no answer: $health"`,
        'case "$health" in',
        `  ${accepted}) say "done: $health"; exit 0 ;;`,
        "esac",
        `say "waiting for Ceph health (attempt $attempt of ${attempts}): $health"`,
      ],
      attempts,
      HEALTH_POLL_SECONDS,
    ),
    `fail "Ceph did not report ${allowWarn ? "HEALTH_OK or HEALTH_WARN" : "HEALTH_OK"} within ${timeout} seconds; last answer: $health"`,
  ]);
}

interface DaemonScriptParts {
  readonly step: string;
  readonly node: string;
  /** Human name, e.g. "monitor". */
  readonly kind: string;
  /** Directory under /var/lib/ceph: mon, mgr or mds. */
  readonly dir: "mon" | "mgr" | "mds";
  readonly summary: string;
  readonly command: readonly string[];
}

/**
 * MON, MGR and MDS creation share one shape: pveceph names the daemon after
 * the node and keeps its data in /var/lib/ceph/<type>/ceph-<node>, which is
 * the "already done" check; Ceph must be initialised first.
 */
function daemonScript(p: DaemonScriptParts): BootstrapScript {
  const dataDir = `"$root/var/lib/ceph/${p.dir}/ceph-$node"`;
  return renderScript(p.step, p.summary, [
    ...requireNode(p.node),
    `data_dir=${dataDir}`,
    "",
    'if [ -d "$data_dir" ]; then',
    `  say "already done: ${p.kind} ${p.dir}.$node exists on this node"`,
    "  exit 0",
    "fi",
    '[ -f "$root/etc/pve/ceph.conf" ] || fail "Ceph is not initialised (no /etc/pve/ceph.conf); run the ceph-init step first"',
    "",
    `say "creating ${p.kind} ${p.dir}.$node"`,
    commandLine(...p.command),
    `[ -d "$data_dir" ] || fail ${shellQuote(`${p.command.join(" ")} returned, but the ${p.kind} data directory does not exist`)}`,
    `say "done: ${p.kind} ${p.dir}.$node created"`,
  ]);
}
