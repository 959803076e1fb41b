import { BootstrapScript, assign, cidr, field, ipAddress, renderScript, commandLine } from "./shell";

export interface QDeviceOptions {
  /** IP address of the external host running corosync-qnetd (pvecm accepts only an IP here). */
  readonly qnetdHost: string;
  /** `--network`: the network (CIDR) the nodes use to reach the QDevice host. @default unset */
  readonly network?: string;
}

/**
 * Adds the external vote (run on ONE cluster node, after every node has
 * `corosync-qdevice` installed and is online): `pvecm qdevice setup <ip>`.
 * Done when corosync.conf already names this host as QDevice; a QDevice on a
 * different host is an error (it must be removed first, rule Q5).
 */
export function qdeviceScript(o: QDeviceOptions): BootstrapScript {
  const fn = "qdeviceScript";
  const host = ipAddress(field(fn, "qnetdHost"), o.qnetdHost);
  const words = ["pvecm", "qdevice", "setup", host];
  if (o.network !== undefined) words.push("--network", cidr(field(fn, "network"), o.network));
  return renderScript("qdevice", `add the QDevice on ${host} to the cluster`, [
    assign("qnetd", host),
    'conf="$root/etc/pve/corosync.conf"',
    '[ -f "$conf" ] || fail "this node is not in a cluster (no /etc/pve/corosync.conf); create or join the cluster first"',
    "",
    "# The QDevice host configured in corosync.conf (quorum { device { net { host: ... } } }), if any.",
    "qdevice_host() {",
    "  awk '",
    "    /\\{[[:space:]]*$/ { depth++; section[depth] = $1; next }",
    "    /^[[:space:]]*\\}/ { depth--; next }",
    '    depth == 3 && section[1] == "quorum" && section[2] == "device" && section[3] == "net" && $1 == "host:" { print $2 }',
    `  ' "$conf"`,
    "}",
    "",
    "current=$(qdevice_host)",
    'if [ "$current" = "$qnetd" ]; then',
    '  say "already done: the cluster uses the QDevice on $qnetd"',
    "  exit 0",
    "fi",
    'if [ -n "$current" ]; then',
    `  fail "the cluster already uses a QDevice on $current; remove it with 'pvecm qdevice remove' before switching to $qnetd"`,
    "fi",
    "",
    "# pvecm copies this node's root key to the QDevice host with ssh-copy-id, which would wait",
    "# for a password if key login does not work yet; check first so the apply fails instead of hanging.",
    'if ! ssh -o BatchMode=yes -o ConnectTimeout=10 "root@$qnetd" true; then',
    `  fail "root on this node cannot log in to root@$qnetd over SSH without a password; authorize /root/.ssh/id_rsa.pub for root on $qnetd and put its host key in /root/.ssh/known_hosts"`,
    "fi",
    "",
    'say "setting up the QDevice on $qnetd"',
    "cd /",
    commandLine(...words),
    "current=$(qdevice_host)",
    '[ "$current" = "$qnetd" ] || fail "pvecm qdevice setup returned, but corosync.conf does not name $qnetd as the QDevice"',
    'say "done: the cluster uses the QDevice on $qnetd"',
  ]);
}

/** Installs `corosync-qdevice`, which every cluster node needs before `qdeviceScript` runs. */
export function qdeviceClientInstallScript(): BootstrapScript {
  return aptInstallScript("qdevice-client-install", "corosync-qdevice", "install the QDevice client on this node");
}

/** Installs `corosync-qnetd` on the external vote host (a Debian-like machine outside the cluster). */
export function qnetdInstallScript(): BootstrapScript {
  return aptInstallScript("qnetd-install", "corosync-qnetd", "install the QDevice daemon on this external host");
}

/** Installs one Debian package unless dpkg already reports it installed. */
function aptInstallScript(step: string, pkg: string, summary: string): BootstrapScript {
  return renderScript(step, summary, [
    assign("package", pkg),
    "is_installed() {",
    "  local status",
    `  status=$(dpkg-query -W -f="\\\${Status}" "$package" 2>/dev/null) || return 1`,
    '  [ "$status" = "install ok installed" ]',
    "}",
    "",
    "if is_installed; then",
    '  say "already done: $package is installed"',
    "  exit 0",
    "fi",
    'say "installing $package"',
    "export DEBIAN_FRONTEND=noninteractive",
    commandLine("apt-get", "-q", "update"),
    commandLine("apt-get", "-q", "-y", "install", pkg),
    'is_installed || fail "apt-get returned, but dpkg does not report $package as installed"',
    'say "done: $package installed"',
  ]);
}
