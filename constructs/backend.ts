import * as path from "path";
import { HttpBackend, HttpBackendConfig, LocalBackend, PgBackend, PgBackendConfig, S3Backend, S3BackendConfig, TerraformBackend, TerraformStack } from "cdktn";
import { BackendSpec } from "../lib/model/spec-types";
import { ClusterDefinitionError } from "./errors";
import { compact } from "./refs";

/** State file of the local backend, relative to the stack's directory. */
export const DEFAULT_LOCAL_STATE = "terraform.tfstate";

/**
 * The Terraform backend a cluster's state lives in. Nothing secret is ever
 * written here: S3 keys come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, HTTP
 * credentials from TF_HTTP_USERNAME/TF_HTTP_PASSWORD, the Postgres connection
 * string from PG_CONN_STR.
 */
export function addBackend(stack: TerraformStack, spec: BackendSpec | undefined): TerraformBackend {
  const backend = spec ?? { type: "local" };
  switch (backend.type) {
    case "local": {
      const statePath = backend.path ?? DEFAULT_LOCAL_STATE;
      if (path.isAbsolute(statePath) || path.win32.isAbsolute(statePath)) {
        throw new ClusterDefinitionError(
          "/spec/backend/path",
          `the local state path "${statePath}" is absolute, which ties the configuration to one machine; use a path relative to the stack directory`,
        );
      }
      return new LocalBackend(stack, { path: statePath });
    }
    case "s3": {
      // No use_lockfile: S3 native locking needs Terraform >= 1.10, and the
      // output targets Terraform >= 1.5.7 (import blocks) and OpenTofu >= 1.6.
      // S3-compatible stores (MinIO, Ceph RGW) have no AWS account, STS or regions to check.
      const compatible = backend.endpoint !== undefined;
      return new S3Backend(
        stack,
        compact<S3BackendConfig>({
          bucket: backend.bucket,
          key: backend.key,
          region: backend.region,
          endpoints: compatible ? { s3: backend.endpoint } : undefined,
          usePathStyle: backend.usePathStyle,
          skipCredentialsValidation: compatible || undefined,
          skipRegionValidation: compatible || undefined,
          skipRequestingAccountId: compatible || undefined,
          skipMetadataApiCheck: compatible || undefined,
          skipS3Checksum: compatible || undefined,
        }),
      );
    }
    case "http":
      return new HttpBackend(
        stack,
        compact<HttpBackendConfig>({ address: backend.address, lockAddress: backend.lockAddress, unlockAddress: backend.unlockAddress }),
      );
    case "pg": {
      // conn_str is deliberately absent: Terraform reads it from PG_CONN_STR.
      const config = compact({ schemaName: backend.schemaName }) as unknown as PgBackendConfig;
      return new PgBackend(stack, config);
    }
  }
}
