import { Rule } from "./rule";
import { cephNetworksDeclared } from "./ceph/ceph-networks-declared";
import { cephNetworkSeparation } from "./ceph/ceph-network-separation";
import { cephNetworkBandwidth } from "./ceph/ceph-network-bandwidth";
import { monAddressInPublicNetwork } from "./ceph/mon-address-in-public-network";
import { cephNodeAddresses } from "./ceph/ceph-node-addresses";
import { cephNetworkMtu } from "./ceph/ceph-network-mtu";
import { cephNodeCount } from "./ceph/ceph-node-count";
import { monCount } from "./ceph/mon-count";
import { monCountOdd } from "./ceph/mon-count-odd";
import { mgrPlacement } from "./ceph/mgr-placement";
import { osdLayout } from "./ceph/osd-layout";
import { nodeResources } from "./ceph/node-resources";
import { dbDeviceShared } from "./ceph/db-device-shared";
import { cephfsMds } from "./ceph/cephfs-mds";
import { monQuorumTolerance } from "./ceph/mon-quorum-tolerance";
import { poolSizeRange } from "./ceph/pool-size-range";
import { poolMinSizeOne } from "./ceph/pool-min-size-one";
import { poolSizeTwo } from "./ceph/pool-size-two";
import { poolSizeExceedsHosts } from "./ceph/pool-size-exceeds-hosts";
import { poolFailureDomain } from "./ceph/pool-failure-domain";
import { poolPgCount } from "./ceph/pool-pg-count";
import { poolErasureCoding } from "./ceph/pool-erasure-coding";
import { poolNameImmutable } from "./ceph/pool-name-immutable";
import { poolDeviceClass } from "./ceph/pool-device-class";

/**
 * Rules of catalog sections D–F: Ceph networks, daemons, pools. CN7 and CD9 are about
 * changing a live cluster, so the plan review handles them, not the validator.
 */
export const CEPH_RULES: readonly Rule[] = [
  // 1.D Ceph networks
  cephNetworksDeclared, // CN1
  cephNetworkSeparation, // CN2
  cephNetworkBandwidth, // CN3
  monAddressInPublicNetwork, // CN4
  cephNodeAddresses, // CN5
  cephNetworkMtu, // CN6
  // 1.E Ceph daemons
  cephNodeCount, // CD1
  monCount, // CD2
  monCountOdd, // CD3
  mgrPlacement, // CD4
  osdLayout, // CD5
  nodeResources, // CD6
  dbDeviceShared, // CD7
  cephfsMds, // CD8
  monQuorumTolerance, // CD10
  // 1.F Pools, PGs, CRUSH
  poolSizeRange, // P1
  poolMinSizeOne, // P2
  poolSizeTwo, // P3
  poolSizeExceedsHosts, // P4
  poolFailureDomain, // P5
  poolPgCount, // P6
  poolErasureCoding, // P7
  poolNameImmutable, // P8
  poolDeviceClass, // P9
];
