import {
  BootstrapInputError,
  BootstrapScript,
  assign,
  attemptsFor,
  clusterName,
  field,
  hostOrIp,
  integer,
  nodeName,
  oneOf,
  pollLoop,
  renderScript,
  requireNode,
  requirePatternOf,
  commandLine,
} from "./shell";

/** One corosync link address of a node (`--linkN address[,priority=P]`). */
export interface LinkAddress {
  /** Link number 0–7; the same numbers must exist on every node. */
  readonly link: number;
  /** This node's address on the link; an IP is recommended over a host name. */
  readonly address: string;
  /**
   * Link priority 0–255 (higher wins). Only `pvecm create` takes it: PVE
   * ignores priorities on join, so join scripts leave it out.
   * @default unset (PVE default 0)
   */
  readonly priority?: number;
}

/** The environment variable the password-based join reads the existing node's root password from. */
export const JOIN_PASSWORD_ENV = "PVECDK_JOIN_PASSWORD";

/**
 * How `pvecm add` authenticates against the existing cluster member.
 * - `ssh` (default): `--use_ssh 1`. The joining node's root SSH key
 *   (`/root/.ssh/id_rsa`) must already be authorized for root on the existing
 *   node, with its host key in the joining node's known_hosts. No secret is involved.
 * - `password`: the API join. The existing node's root@pam password is read
 *   from the `PVECDK_JOIN_PASSWORD` environment variable and handed to pvecm on
 *   standard input (never on a command line); the existing node's certificate
 *   SHA-256 fingerprint must be given, because pvecm would otherwise ask
 *   interactively whether to trust it.
 */
export type JoinAuth =
  | { readonly method: "ssh" }
  | { readonly method: "password"; readonly fingerprint: string };

export interface ClusterCreateOptions {
  readonly clusterName: string;
  /** Every corosync link of this node; at least one. */
  readonly links: readonly LinkAddress[];
  /** Corosync node ID. @default chosen by pvecm (1 for the creating node) */
  readonly nodeId?: number;
  /** `--token-coefficient` in ms (rule C12). @default unset (pvecm's default, 125) */
  readonly tokenCoefficient?: number;
  /** When set, the script refuses to run on any other host. @default no host check */
  readonly nodeName?: string;
}

export interface ClusterJoinOptions {
  readonly clusterName: string;
  /** Address of a node that is already a cluster member. */
  readonly existingNode: string;
  /** Every corosync link of the joining node (rule C10: all of them, in a multi-link cluster). */
  readonly links: readonly LinkAddress[];
  /** The joining node's name; the script refuses to run on any other host. */
  readonly nodeName: string;
  /** Corosync node ID. @default chosen by the cluster */
  readonly nodeId?: number;
  /** @default { method: "ssh" } */
  readonly auth?: JoinAuth;
}

export interface QuorumWaitOptions {
  /** Also wait until at least this many nodes are members. @default 1 */
  readonly expectedNodes?: number;
  /** @default 300 */
  readonly timeoutSeconds?: number;
}

const QUORUM_POLL_SECONDS = 5;
const JOIN_SETTLE_ATTEMPTS = 15;
const JOIN_SETTLE_POLL_SECONDS = 2;

/** Reads the cluster name from corosync.conf (totem.cluster_name). */
const READ_CLUSTER_NAME = `current=$(awk '$1 == "cluster_name:" { print $2; exit }' "$conf")`;

/**
 * Create and join are done once /etc/pve/corosync.conf names this cluster; a node
 * that belongs to another cluster is refused, since membership changes are procedures.
 */
const ALREADY_A_MEMBER: readonly string[] = [
    'conf="$root/etc/pve/corosync.conf"',
    "",
    'if [ -f "$conf" ]; then',
    "  " + READ_CLUSTER_NAME,
    '  if [ "$current" = "$cluster_name" ]; then',
    '    say "already done: this node belongs to cluster $cluster_name"',
    "    exit 0",
    "  fi",
    `  fail "this node already belongs to cluster '$current', not '$cluster_name'; pvecdk never changes cluster membership"`,
    "fi",
];

/**
 * Creates the cluster on this node: `pvecm create <name> --linkN addr[,priority=P] …`.
 * Done when /etc/pve/corosync.conf exists and names this cluster; a different
 * cluster name there is an error, never a silent success.
 */
export function clusterCreateScript(o: ClusterCreateOptions): BootstrapScript {
  const fn = "clusterCreateScript";
  const name = clusterName(field(fn, "clusterName"), o.clusterName);
  const words = ["pvecm", "create", name, ...linkArgs(fn, o.links, true)];
  if (o.nodeId !== undefined) words.push("--nodeid", String(integer(field(fn, "nodeId"), o.nodeId, 1, 65535)));
  if (o.tokenCoefficient !== undefined) {
    words.push("--token-coefficient", String(integer(field(fn, "tokenCoefficient"), o.tokenCoefficient, 0, 60000)));
  }
  const nodeCheck = o.nodeName === undefined ? [] : requireNode(nodeName(field(fn, "nodeName"), o.nodeName));
  return renderScript("cluster-create", `create cluster ${name} on this node`, [
    ...nodeCheck,
    assign("cluster_name", name),
    ...ALREADY_A_MEMBER,
    "",
    'say "creating cluster $cluster_name"',
    "# pvecm must not run from inside /etc/pve, which it remounts.",
    "cd /",
    commandLine(...words),
    '[ -f "$conf" ] || fail "pvecm create returned, but /etc/pve/corosync.conf does not exist"',
    'say "done: cluster $cluster_name created"',
  ]);
}

/**
 * Joins this node to the cluster: `pvecm add <existing> --linkN addr … (--use_ssh 1 | --fingerprint F)`.
 * Done when /etc/pve/corosync.conf exists and names this cluster. A node that
 * kept /etc/corosync/authkey from a failed join is reported, not retried.
 */
export function clusterJoinScript(o: ClusterJoinOptions): BootstrapScript {
  const fn = "clusterJoinScript";
  const name = clusterName(field(fn, "clusterName"), o.clusterName);
  const node = nodeName(field(fn, "nodeName"), o.nodeName);
  const existing = hostOrIp(field(fn, "existingNode"), o.existingNode);
  const auth: JoinAuth = o.auth ?? { method: "ssh" };
  const method = oneOf(field(fn, "auth.method"), auth.method, ["ssh", "password"] as const);

  const words = ["pvecm", "add", existing, ...linkArgs(fn, o.links, false)];
  if (o.nodeId !== undefined) words.push("--nodeid", String(integer(field(fn, "nodeId"), o.nodeId, 1, 65535)));

  let authLines: string[];
  if (method === "ssh") {
    words.push("--use_ssh", "1");
    authLines = [
      "# --use_ssh logs in to the existing node as root with this node's key; check that it works",
      "# without a password first, because a password prompt would hang the apply.",
      'if ! ssh -o BatchMode=yes -o ConnectTimeout=10 "root@$existing" true; then',
      `  fail "root on $this_node cannot log in to root@$existing over SSH without a password; authorize this node's /root/.ssh/id_rsa.pub for root on $existing and put $existing's host key in /root/.ssh/known_hosts"`,
      "fi",
      "",
      'say "joining cluster $cluster_name through $existing (SSH)"',
      "cd /",
      commandLine(...words),
    ];
  } else {
    const fp = (auth as { fingerprint: string }).fingerprint;
    words.push(
      "--fingerprint",
      requirePatternOf(field(fn, "auth.fingerprint"), fp, /^([A-Fa-f0-9]{2}:){31}[A-Fa-f0-9]{2}$/, "a SHA-256 fingerprint (32 hex pairs separated by ':')"),
    );
    authLines = [
      `password=\${${JOIN_PASSWORD_ENV}:-}`,
      `[ -n "$password" ] || fail "${JOIN_PASSWORD_ENV} is not set; the password join needs the root@pam password of $existing in that environment variable"`,
      "",
      'say "joining cluster $cluster_name through $existing (API, password from the environment)"',
      "cd /",
      "# Without a terminal on standard input, pvecm reads the password as one line from it,",
      "# so the password never appears on a command line.",
      `${commandLine(...words)} <<<"$password"`,
    ];
  }

  return renderScript("cluster-join", `join node ${node} to cluster ${name}`, [
    ...requireNode(node),
    assign("cluster_name", name),
    assign("existing", existing),
    ...ALREADY_A_MEMBER,
    'if [ -f "$root/etc/corosync/authkey" ]; then',
    '  fail "/etc/corosync/authkey exists but /etc/pve/corosync.conf does not: an earlier join stopped half-way; clean up this node by hand (pvecm docs: separate a node without reinstalling) before running this step again"',
    "fi",
    "",
    ...authLines,
    "",
    "# pmxcfs restarts during the join; give /etc/pve a moment to show the cluster's files.",
    ...pollLoop(
      ['if [ -f "$conf" ]; then', '  say "done: joined cluster $cluster_name"', "  exit 0", "fi"],
      JOIN_SETTLE_ATTEMPTS,
      JOIN_SETTLE_POLL_SECONDS,
    ),
    'fail "pvecm add returned, but /etc/pve/corosync.conf did not appear"',
  ]);
}

/**
 * Waits until `pvecm status` reports `Quorate: Yes` (and, optionally, at least
 * `expectedNodes` members). Read-only, so running it again is always safe.
 */
export function clusterQuorumWaitScript(o: QuorumWaitOptions = {}): BootstrapScript {
  const fn = "clusterQuorumWaitScript";
  const expected = integer(field(fn, "expectedNodes"), o.expectedNodes ?? 1, 1, 1000);
  const timeout = integer(field(fn, "timeoutSeconds"), o.timeoutSeconds ?? 300, 1, 86400);
  const attempts = attemptsFor(timeout, QUORUM_POLL_SECONDS);
  return renderScript("cluster-quorum-wait", `wait until the cluster is quorate with at least ${expected} node(s)`, [
    `expected_nodes=${expected}`,
    'status=""',
    ...pollLoop(
      [
        "# pvecm status ends in corosync-quorumtool -s, whose exit code is 1 when quorate and 0 when",
        "# not; only its text says anything reliable.",
        "status=$(pvecm status 2>&1) || true",
        `nodes=$(awk '$1 == "Nodes:" { print $2 }' <<<"$status")`,
        'if [[ $status =~ Quorate:[[:space:]]+Yes ]] && [ "${nodes:-0}" -ge "$expected_nodes" ]; then',
        '  say "done: the cluster is quorate with $nodes node(s)"',
        "  exit 0",
        "fi",
        `say "waiting for quorum with $expected_nodes node(s) (attempt $attempt of ${attempts})"`,
      ],
      attempts,
      QUORUM_POLL_SECONDS,
    ),
    `fail "the cluster did not become quorate with $expected_nodes node(s) within ${timeout} seconds; last pvecm status: $status"`,
  ]);
}

/** `--linkN` words, in link-number order. Priority only for create (PVE ignores it on join). */
function linkArgs(fn: string, links: readonly LinkAddress[], withPriority: boolean): string[] {
  if (!Array.isArray(links) || links.length === 0) {
    throw new BootstrapInputError(`${fn}: links must name at least one corosync link (link0 is the usual first)`);
  }
  const seen = new Set<number>();
  const checked = links.map((l, i) => {
    const n = integer(field(fn, `links[${i}].link`), l.link, 0, 7);
    if (seen.has(n)) throw new BootstrapInputError(`${fn}: links[${i}].link ${n} is listed twice; each link number appears once`);
    seen.add(n);
    const address = hostOrIp(field(fn, `links[${i}].address`), l.address);
    const priority = l.priority === undefined ? undefined : integer(field(fn, `links[${i}].priority`), l.priority, 0, 255);
    return { n, value: withPriority && priority !== undefined ? `${address},priority=${priority}` : address };
  });
  return checked.sort((a, b) => a.n - b.n).flatMap((l) => [`--link${l.n}`, l.value]);
}
