import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BootstrapScript } from "../../lib/bootstrap";

/**
 * A scratch "Proxmox node" for running bootstrap scripts with bash: stand-in
 * `pvecm`, `pveceph`, `ceph`, `ceph-volume`, `pvesm` (and `hostname`, `ssh`,
 * `sleep`, `dpkg-query`, `apt-get`) on PATH. Each stand-in logs its argv
 * exactly and keeps state the way the real tool would leave it: files under
 * PVECDK_ROOT (/etc/pve/corosync.conf, /etc/pve/ceph.conf, /var/lib/ceph/…,
 * /etc/pve/storage.cfg) or small records in a state directory.
 *
 * With FAKE_NOOP=1 the mutating stand-ins log the call and change nothing,
 * which is how tests show that a script verifies its own result.
 */

// Separators that never occur in a logged argument: unit separator between
// arguments, record separator after each call.
const US = "\x1f";
const RS = "\x1e";

const LIB = String.raw`
set -eu
root=$PVECDK_ROOT
state=$FAKE_STATE
log_call() {
  local a
  {
    printf '%s' "$(basename "$0")"
    for a in "$@"; do printf '\037%s' "$a"; done
    printf '\036'
  } >>"$FAKE_LOG"
}
# Mutating stand-ins check this and then pretend to succeed without doing anything.
noop() { [ "${"$"}{FAKE_NOOP:-0}" = 1 ]; }
# The value after option $1 among the remaining arguments.
opt() {
  local want=$1
  shift
  while [ $# -gt 0 ]; do
    if [ "$1" = "$want" ]; then printf '%s' "$2"; return 0; fi
    shift
  done
  return 1
}
# Writes corosync.conf the way PVE lays it out: cluster name $1, QDevice host $2 (may be empty).
write_corosync_conf() {
  mkdir -p "$root/etc/pve"
  {
    printf 'logging {\n  debug: off\n  to_syslog: yes\n}\n\n'
    printf 'nodelist {\n  node {\n    name: %s\n    nodeid: 1\n    quorum_votes: 1\n    ring0_addr: 10.0.10.11\n  }\n}\n\n' "$FAKE_NODE"
    printf 'quorum {\n'
    if [ -n "$2" ]; then
      printf '  device {\n    model: net\n    net {\n      algorithm: ffsplit\n      host: %s\n      tls: on\n    }\n    votes: 1\n  }\n' "$2"
    fi
    printf '  provider: corosync_votequorum\n}\n\n'
    printf 'totem {\n  cluster_name: %s\n  config_version: 1\n  interface {\n    linknumber: 0\n  }\n  ip_version: ipv4-6\n  link_mode: passive\n  secauth: on\n  version: 2\n}\n' "$1"
  } >"$root/etc/pve/corosync.conf"
}
`;

const FAKES: Record<string, string> = {
  hostname: String.raw`
log_call "$@"
printf '%s\n' "$FAKE_HOSTNAME"
`,
  ssh: String.raw`
log_call "$@"
exit "${"$"}{FAKE_SSH_EXIT:-0}"
`,
  sleep: String.raw`
log_call "$@"
`,
  pvecm: String.raw`
log_call "$@"
conf="$root/etc/pve/corosync.conf"
case "$1" in
  create)
    noop || write_corosync_conf "$2" ""
    ;;
  add)
    use_ssh=no
    for a in "$@"; do
      if [ "$a" = --use_ssh ]; then use_ssh=yes; fi
    done
    if [ "$use_ssh" = no ]; then
      # Like pvecm: without a terminal on stdin, the password is one line of it.
      IFS= read -r password || { echo "EOF while reading password" >&2; exit 1; }
      printf '%s' "$password" >"$state/join-password"
    fi
    noop || write_corosync_conf "$FAKE_REMOTE_CLUSTER" ""
    ;;
  status)
    if [ ! -f "$conf" ]; then
      echo "Error: Corosync config '/etc/pve/corosync.conf' does not exist - is this node part of a cluster?" >&2
      exit 2
    fi
    polls=$(cat "$state/inquorate-polls" 2>/dev/null || echo 0)
    quorate=Yes
    if [ "$polls" -gt 0 ]; then
      echo $((polls - 1)) >"$state/inquorate-polls"
      quorate=No
    fi
    printf 'Quorum information\n------------------\nNodes:            %s\nNode ID:          0x00000001\nQuorate:          %s\n' "$(cat "$state/nodes" 2>/dev/null || echo 1)" "$quorate"
    # Like corosync-quorumtool -s, which pvecm status runs: exit 1 when quorate, 0 when not.
    if [ "$quorate" = Yes ]; then exit 1; fi
    ;;
  qdevice)
    [ "$2" = setup ] || exit 99
    noop || write_corosync_conf "$(awk '$1 == "cluster_name:" { print $2 }' "$conf")" "$3"
    ;;
  *)
    echo "fake pvecm: unexpected arguments: $*" >&2
    exit 99
    ;;
esac
`,
  pveceph: String.raw`
log_call "$@"
case "$1 ${"$"}{2:-}" in
  "install "*)
    version=$(opt --version "$@")
    # What pveceph and apt would see: whether stdout is a terminal, and the first answer on stdin.
    if [ -t 1 ]; then echo terminal >"$state/install-stdout"; else echo pipe >"$state/install-stdout"; fi
    IFS= read -r answer || answer="<eof>"
    printf '%s' "$answer" >"$state/install-answer"
    if ! noop; then
      mkdir -p "$root/usr/bin" "$root/usr/sbin"
      for b in usr/bin/ceph usr/bin/ceph-mon usr/bin/ceph-mgr usr/bin/ceph-osd usr/sbin/ceph-volume; do
        printf '#!/bin/sh\n' >"$root/$b"
        chmod +x "$root/$b"
      done
      printf '%s' "$version" >"$state/ceph-version"
    fi
    ;;
  "init "*)
    public=$(opt --network "$@")
    cluster=$(opt --cluster-network "$@" || printf '%s' "$public")
    if ! noop; then
      mkdir -p "$root/etc/pve"
      printf '[global]\n\t auth_client_required = cephx\n\t cluster_network = %s\n\t public_network = %s\n' "$cluster" "$public" >"$root/etc/pve/ceph.conf"
    fi
    ;;
  "mon create" | "mgr create" | "mds create")
    noop || mkdir -p "$root/var/lib/ceph/$1/ceph-$FAKE_NODE"
    ;;
  "osd create")
    real=$(readlink -f -- "$3") || real=$3
    noop || printf '%s\n' "$real" >>"$state/osds"
    ;;
  "fs create")
    noop || printf '%s\n' "$(opt --name "$@")" >>"$state/fs"
    ;;
  *)
    echo "fake pveceph: unexpected arguments: $*" >&2
    exit 99
    ;;
esac
`,
  ceph: String.raw`
log_call "$@"
if [ "${"$"}{1:-}" = --connect-timeout ]; then shift 2; fi
case "$*" in
  --version)
    # A stock PVE node has the squid client tools (ceph-common) even before pveceph install.
    v=$(cat "$state/ceph-version" 2>/dev/null || echo squid)
    printf 'ceph version 19.2.3 (0123456789abcdef0123456789abcdef01234567) %s (stable)\n' "$v"
    ;;
  health)
    if [ -f "$state/health" ]; then
      head -n 1 "$state/health"
      if [ "$(wc -l <"$state/health")" -gt 1 ]; then
        tail -n +2 "$state/health" >"$state/health.next"
        mv "$state/health.next" "$state/health"
      fi
    else
      echo HEALTH_OK
    fi
    ;;
  "osd crush rule ls")
    echo replicated_rule
    cat "$state/crush-rules" 2>/dev/null || true
    ;;
  "osd crush rule create-replicated "*)
    noop || printf '%s\n' "$5" >>"$state/crush-rules"
    ;;
  "fs get "*)
    if grep -qxF -- "$3" "$state/fs" 2>/dev/null; then
      echo "Filesystem '$3' (1)"
    else
      echo "Error ENOENT: filesystem '$3' not found" >&2
      exit 2
    fi
    ;;
  *)
    echo "fake ceph: unexpected arguments: $*" >&2
    exit 99
    ;;
esac
`,
  "ceph-volume": String.raw`
log_call "$@"
[ "$1 $2 $3 $4" = "lvm list --format json" ] || { echo "fake ceph-volume: unexpected arguments: $*" >&2; exit 99; }
if grep -qxF -- "$5" "$state/osds" 2>/dev/null; then
  printf '{\n    "0": [\n        {\n            "devices": [\n                "%s"\n            ],\n            "type": "block"\n        }\n    ]\n}\n' "$5"
else
  printf '{}\n'
fi
`,
  pvesm: String.raw`
log_call "$@"
[ "$1 $2" = "add rbd" ] || { echo "fake pvesm: unexpected arguments: $*" >&2; exit 99; }
if ! noop; then
  mkdir -p "$root/etc/pve"
  {
    printf 'rbd: %s\n' "$3"
    printf '\tcontent %s\n' "$(opt --content "$@")"
    if krbd=$(opt --krbd "$@"); then printf '\tkrbd %s\n' "$krbd"; fi
    if nodes=$(opt --nodes "$@"); then printf '\tnodes %s\n' "$nodes"; fi
    printf '\tpool %s\n\n' "$(opt --pool "$@")"
  } >>"$root/etc/pve/storage.cfg"
fi
`,
  "dpkg-query": String.raw`
log_call "$@"
pkg=${"$"}{*: -1}
if [ -f "$state/pkg-$pkg" ]; then
  printf 'install ok installed'
else
  echo "dpkg-query: no packages found matching $pkg" >&2
  exit 1
fi
`,
  "apt-get": String.raw`
log_call "$@"
if [ "${"$"}{*: -2:1}" = install ]; then
  noop || touch "$state/pkg-${"$"}{*: -1}"
fi
`,
};

export interface RunResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** argv of every stand-in call made during this run, in order. */
  readonly calls: string[][];
}

export interface FakeNodeOptions {
  /** What `hostname` prints. @default "pve1.lab.example" */
  readonly hostname?: string;
  /** Cluster name a successful `pvecm add` joins. @default "lab" */
  readonly remoteCluster?: string;
}

export class FakeNode {
  readonly dir: string;
  readonly root: string;
  readonly state: string;
  private readonly bin: string;
  private readonly log: string;
  private readonly baseEnv: Record<string, string>;

  constructor(o: FakeNodeOptions = {}) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "pvecdk-node-"));
    this.root = path.join(this.dir, "root");
    this.state = path.join(this.dir, "state");
    this.bin = path.join(this.dir, "bin");
    this.log = path.join(this.dir, "calls.log");
    for (const d of [this.root, this.state, this.bin]) fs.mkdirSync(d, { recursive: true });
    const lib = path.join(this.dir, "lib.sh");
    fs.writeFileSync(lib, LIB);
    for (const [name, body] of Object.entries(FAKES)) {
      fs.writeFileSync(path.join(this.bin, name), `#!/bin/bash\n. "$FAKE_LIB"\n${body}`, { mode: 0o755 });
    }
    const hostname = o.hostname ?? "pve1.lab.example";
    this.baseEnv = {
      PATH: `${this.bin}:/usr/local/bin:/usr/bin:/bin`,
      LANG: "C",
      PVECDK_ROOT: this.root,
      FAKE_LIB: lib,
      FAKE_LOG: this.log,
      FAKE_STATE: this.state,
      FAKE_HOSTNAME: hostname,
      FAKE_NODE: hostname.split(".")[0],
      FAKE_REMOTE_CLUSTER: o.remoteCluster ?? "lab",
    };
  }

  /** Runs the script with bash (stdin closed) and returns what it printed and which tools it called. */
  run(s: BootstrapScript, env: Record<string, string> = {}): RunResult {
    fs.writeFileSync(this.log, "");
    const scriptFile = path.join(this.dir, `${s.step}.sh`);
    fs.writeFileSync(scriptFile, s.script);
    const r = spawnSync("bash", [scriptFile], {
      env: { ...this.baseEnv, ...env },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 30000,
    });
    if (r.error) throw r.error;
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, calls: parseLog(fs.readFileSync(this.log, "utf8")) };
  }

  /** Writes a file under the node's root, e.g. writeFile("etc/pve/storage.cfg", …). */
  writeFile(rel: string, content: string): void {
    const p = path.join(this.root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }

  /** Replaces a stand-in tool with another bash body (it is not logged). */
  replaceTool(name: string, body: string): void {
    fs.writeFileSync(path.join(this.bin, name), `#!/bin/bash\n${body}`, { mode: 0o755 });
  }

  readFile(rel: string): string {
    return fs.readFileSync(path.join(this.root, rel), "utf8");
  }

  exists(rel: string): boolean {
    return fs.existsSync(path.join(this.root, rel));
  }

  setState(name: string, content: string): void {
    fs.writeFileSync(path.join(this.state, name), content);
  }

  readState(name: string): string {
    return fs.readFileSync(path.join(this.state, name), "utf8");
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function parseLog(text: string): string[][] {
  return text
    .split(RS)
    .filter((record) => record.length > 0)
    .map((record) => record.split(US));
}

/**
 * Calls that only look: everything a script may do on a run that finds its
 * step already done. Any other call counts as a change.
 */
export function isReadOnly(call: readonly string[]): boolean {
  const [tool, ...args] = call;
  const ceph = args[0] === "--connect-timeout" ? args.slice(2) : args;
  switch (tool) {
    case "hostname":
    case "ssh":
    case "sleep":
    case "dpkg-query":
      return true;
    case "ceph-volume":
      return args[0] === "lvm" && args[1] === "list";
    case "pvecm":
      return args[0] === "status";
    case "ceph":
      return (
        ceph[0] === "--version" ||
        ceph[0] === "health" ||
        ceph.join(" ") === "osd crush rule ls" ||
        (ceph[0] === "fs" && ceph[1] === "get")
      );
    default:
      return false;
  }
}

export function changingCalls(calls: readonly string[][]): string[][] {
  return calls.filter((c) => !isReadOnly(c));
}

/**
 * Runs a script twice on the node: the first run must succeed making exactly
 * `expectedChanges`; the second must succeed, say "already done" and change nothing.
 */
export function runTwice(node: FakeNode, s: BootstrapScript, expectedChanges: string[][], env: Record<string, string> = {}): [RunResult, RunResult] {
  const first = node.run(s, env);
  expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: "" });
  expect(changingCalls(first.calls)).toEqual(expectedChanges);
  expect(first.stdout).toMatch(new RegExp(`^pvecdk: ${s.step}: done: `, "m"));

  const second = node.run(s, env);
  expect({ status: second.status, stderr: second.stderr }).toEqual({ status: 0, stderr: "" });
  expect(changingCalls(second.calls)).toEqual([]);
  expect(second.stdout).toMatch(new RegExp(`^pvecdk: ${s.step}: already done: `, "m"));
  return [first, second];
}
