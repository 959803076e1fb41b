import { Rule } from "./rule";
import { clusterName } from "./corosync/cluster-name";
import { pveVersionsMatch } from "./corosync/pve-versions-match";
import { nodeCountLimit } from "./corosync/node-count-limit";
import { corosyncLatency } from "./corosync/corosync-latency";
import { corosyncDedicatedNetwork } from "./corosync/corosync-dedicated-network";
import { corosyncSharesStorageNetwork } from "./corosync/corosync-shares-storage-network";
import { corosyncLinksValid } from "./corosync/corosync-links-valid";
import { corosyncLinkRedundancy } from "./corosync/corosync-link-redundancy";
import { corosyncActiveLink } from "./corosync/corosync-active-link";
import { corosyncTransport } from "./corosync/corosync-transport";
import { corosyncAddressesAreIps } from "./corosync/corosync-addresses-are-ips";
import { corosyncOverBonds } from "./corosync/corosync-over-bonds";
import { corosyncLinkAddressesOnEveryNode } from "./corosync/corosync-link-addresses-on-every-node";
import { tokenCoefficient } from "./corosync/token-coefficient";
import { quorumSummary } from "./corosync/quorum-summary";
import { twoNodeCluster } from "./corosync/two-node-cluster";
import { qdeviceNodeCount } from "./corosync/qdevice-node-count";
import { qdeviceHost } from "./corosync/qdevice-host";
import { qdeviceMembershipChanges } from "./corosync/qdevice-membership-changes";
import { nodeVotes } from "./corosync/node-votes";
import { twoNodeOverride } from "./corosync/two-node-override";
import { coldStartHaGuests } from "./corosync/cold-start-ha-guests";

/** Rules of catalog sections A–C: nodes and cluster identity, corosync links, quorum and QDevice. */
export const COROSYNC_RULES: readonly Rule[] = [
  // 1.A Nodes and cluster identity
  clusterName, // N2
  pveVersionsMatch, // N4
  nodeCountLimit, // N9
  // 1.B Corosync links and the cluster network
  corosyncLatency, // C1
  corosyncDedicatedNetwork, // C2
  corosyncSharesStorageNetwork, // C3
  corosyncLinksValid, // C4
  corosyncLinkRedundancy, // C5
  corosyncActiveLink, // C6
  corosyncTransport, // C7
  corosyncAddressesAreIps, // C8
  corosyncOverBonds, // C9
  corosyncLinkAddressesOnEveryNode, // C10
  tokenCoefficient, // C12
  // 1.C Quorum, votes, QDevice
  quorumSummary, // Q1
  twoNodeCluster, // Q2
  qdeviceNodeCount, // Q3
  qdeviceHost, // Q4
  qdeviceMembershipChanges, // Q5
  nodeVotes, // Q6
  twoNodeOverride, // Q7
  coldStartHaGuests, // Q8
];
