import { Rule } from "./rule";
import { sharedFlagOnLocalStorage } from "./guests/shared-flag-on-local-storage";
import { guestStorageAvailable } from "./guests/guest-storage-available";
import { externalCephStorage } from "./guests/external-ceph-storage";
import { storageIdUnique } from "./guests/storage-id-unique";
import { storageContentTypes } from "./guests/storage-content-types";
import { haQuorumVotes } from "./guests/ha-quorum-votes";
import { haGuestSharedStorage } from "./guests/ha-guest-shared-storage";
import { haFencingNote } from "./guests/ha-fencing-note";
import { haPassthroughPinned } from "./guests/ha-passthrough-pinned";
import { haRuleFeasibility } from "./guests/ha-rule-feasibility";
import { haNodeIsPreference } from "./guests/ha-node-is-preference";
import { liveMigrationCpuVendor } from "./guests/live-migration-cpu-vendor";
import { guestDisksPinNode } from "./guests/guest-disks-pin-node";
import { cpuTypeHostIdenticalNodes } from "./guests/cpu-type-host-identical-nodes";
import { migrationNetworkSettings } from "./guests/migration-network-settings";
import { migrationNetworkDefined } from "./guests/migration-network-defined";
import { migrationBandwidthNote } from "./guests/migration-bandwidth-note";
import { cloneSourceIsTemplate } from "./guests/clone-source-is-template";
import { linkedCloneTargetStorage } from "./guests/linked-clone-target-storage";
import { cloneAcrossNodesShared } from "./guests/clone-across-nodes-shared";
import { templateImageImport } from "./guests/template-image-import";
import { cloneIdentityNote } from "./guests/clone-identity-note";
import { cloudImageChecksum } from "./guests/cloud-image-checksum";
import { vmidRange } from "./guests/vmid-range";
import { vmidUnique } from "./guests/vmid-unique";
import { vmidInNextIdRange } from "./guests/vmid-in-next-id-range";
import { guestNameUnique } from "./guests/guest-name-unique";
import { guestNodeDeclared } from "./guests/guest-node-declared";
import { bridgeNames } from "./guests/bridge-names";
import { vlanIds } from "./guests/vlan-ids";
import { guestNicMtu } from "./guests/guest-nic-mtu";
import { mtuConsistency } from "./guests/mtu-consistency";
import { guestBridgeExists } from "./guests/guest-bridge-exists";
import { networkCidrsDisjoint } from "./guests/network-cidrs-disjoint";
import { nodeAddressesUnique } from "./guests/node-addresses-unique";
import { nodeAddressesInNetwork } from "./guests/node-addresses-in-network";
import { gateways } from "./guests/gateways";
import { guestStaticIps } from "./guests/guest-static-ips";

/** Rules of catalog sections G–M: storages, HA, migration, templates, VMIDs, bridges, IP consistency. */
export const GUEST_RULES: readonly Rule[] = [
  // 1.G Storage
  sharedFlagOnLocalStorage, // S2
  guestStorageAvailable, // S3
  externalCephStorage, // S4
  storageIdUnique, // S5
  storageContentTypes, // S6
  // 1.H High availability
  haQuorumVotes, // H1
  haGuestSharedStorage, // H2
  haFencingNote, // H3
  haPassthroughPinned, // H4
  haRuleFeasibility, // H6
  haNodeIsPreference, // H8
  // 1.I Migration
  liveMigrationCpuVendor, // M1
  guestDisksPinNode, // M2
  cpuTypeHostIdenticalNodes, // M3
  migrationNetworkSettings, // M4
  migrationNetworkDefined, // M5
  migrationBandwidthNote, // M6
  // 1.J Templates and clones
  cloneSourceIsTemplate, // T1
  linkedCloneTargetStorage, // T2
  cloneAcrossNodesShared, // T3
  templateImageImport, // T4
  cloneIdentityNote, // T5
  cloudImageChecksum, // T6 (pvecdk)
  // 1.K VMIDs and guest identity
  vmidRange, // V1
  vmidUnique, // V2
  vmidInNextIdRange, // V3
  guestNameUnique, // V5 (pvecdk)
  guestNodeDeclared, // V6 (pvecdk)
  // 1.L Bridges, VLANs, MTU
  bridgeNames, // B1
  vlanIds, // B2
  guestNicMtu, // B3
  mtuConsistency, // B4
  guestBridgeExists, // B5
  // 1.M IP and CIDR consistency
  networkCidrsDisjoint, // IP1
  nodeAddressesUnique, // IP2
  nodeAddressesInNetwork, // IP3
  gateways, // IP4
  guestStaticIps, // IP5
];
