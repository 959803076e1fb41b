/**
 * Idempotent bash for the steps the bpg/proxmox provider cannot do (cluster
 * create/join, QDevice, Ceph daemons, RBD storage). The constructs run these
 * through `terraform_data` + `remote-exec` over SSH as root. Each generator
 * validates its input, quotes every interpolated value, and returns a script
 * that checks first, exits 0 with "already done" when there is nothing to do,
 * and verifies its own result. No generator takes a secret: the password join
 * reads it from the node's environment (JOIN_PASSWORD_ENV).
 *
 * Final API (the agreed one, plus the additions marked +):
 *
 *   interface LinkAddress { link; address; priority? }
 *   interface BootstrapScript { step; script }
 *   clusterCreateScript({ clusterName, links, nodeId?, +tokenCoefficient?, +nodeName? })   step "cluster-create"
 *   clusterJoinScript({ clusterName, existingNode, links, nodeName, +nodeId?, +auth? })      step "cluster-join"
 * + clusterQuorumWaitScript({ expectedNodes?, timeoutSeconds? })                             step "cluster-quorum-wait"
 * + qdeviceClientInstallScript()      every cluster node, before qdeviceScript              step "qdevice-client-install"
 * + qnetdInstallScript()              the external vote host                                step "qnetd-install"
 *   qdeviceScript({ qnetdHost, +network? })                                                 step "qdevice"
 *   cephInstallScript({ repository?, version?, +allowExperimental? })  (+ repository "manual") step "ceph-install"
 *   cephInitScript({ publicNetwork, clusterNetwork? })                                      step "ceph-init"
 *   cephMonScript({ monAddress, nodeName })                                                 step "ceph-mon"
 *   cephMgrScript({ nodeName })                                                             step "ceph-mgr"
 * + cephMdsScript({ nodeName, hotStandby? })                                                step "ceph-mds"
 *   cephOsdScript({ device, deviceClass?, dbDevice? })                                      step "ceph-osd"
 *   cephCrushRuleScript({ ruleName, deviceClass, failureDomain, +root? })                  step "ceph-crush-rule"
 * + cephFsScript({ name?, pgNum?, addStorage? })                                            step "ceph-fs"
 * + cephHealthWaitScript({ timeoutSeconds?, allowWarn? })                                   step "ceph-health-wait"
 *   rbdStorageScript({ storageId, pool, content, krbd?, nodes? })                           step "rbd-storage"
 *   remoteExecInline(s): string[]   lines already escaped for Terraform templates ($${ / %%{)
 *   shellQuote(value): string       single-quotes anything but plain words ([A-Za-z0-9_@%+:,./-]+), refuses NUL
 * + shellCommand(...words), escapeTerraformTemplate(text), BootstrapInputError, JOIN_PASSWORD_ENV,
 * + DEFAULT_CEPH_VERSION, CRUSH_FAILURE_DOMAINS, RBD_CONTENT_TYPES
 *
 * Generators throw BootstrapInputError (one line naming the function and the
 * field) for values the Proxmox tools would reject or that cannot be passed safely.
 */
export type { BootstrapScript } from "./shell";
export { BootstrapInputError, shellQuote, shellCommand } from "./shell";
export type { LinkAddress, JoinAuth, ClusterCreateOptions, ClusterJoinOptions, QuorumWaitOptions } from "./cluster";
export { JOIN_PASSWORD_ENV, clusterCreateScript, clusterJoinScript, clusterQuorumWaitScript } from "./cluster";
export type { QDeviceOptions } from "./qdevice";
export { qdeviceScript, qdeviceClientInstallScript, qnetdInstallScript } from "./qdevice";
export type {
  CephRepository,
  CephInstallOptions,
  CephInitOptions,
  CephMonOptions,
  CephMgrOptions,
  CephMdsOptions,
  CephOsdOptions,
  CephCrushRuleOptions,
  CephFsOptions,
  CephHealthWaitOptions,
} from "./ceph";
export {
  DEFAULT_CEPH_VERSION,
  CRUSH_FAILURE_DOMAINS,
  cephInstallScript,
  cephInitScript,
  cephMonScript,
  cephMgrScript,
  cephMdsScript,
  cephOsdScript,
  cephCrushRuleScript,
  cephFsScript,
  cephHealthWaitScript,
} from "./ceph";
export type { RbdStorageOptions } from "./storage";
export { RBD_CONTENT_TYPES, rbdStorageScript } from "./storage";
export { remoteExecInline, escapeTerraformTemplate } from "./remote-exec";
