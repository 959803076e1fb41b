import { pointer } from "../../model/findings";
import { Rule, RuleFinding } from "../rule";
import { finding } from "./support";

const HEX_LENGTH: Record<string, number> = { md5: 32, sha1: 40, sha224: 56, sha256: 64, sha384: 96, sha512: 128 };

/**
 * T6 (added by pvecdk): "current" cloud image URLs change content over time; without a
 * checksum, rebuilding a template silently uses different bits. A malformed checksum
 * makes every download fail verification.
 */
export const cloudImageChecksum: Rule = {
  id: "T6",
  title: "Cloud images are pinned by a well-formed checksum",
  check(model) {
    const out: RuleFinding[] = [];
    (model.body.images ?? []).forEach((img, k) => {
      const algorithm = img.checksumAlgorithm ?? "sha256";
      if (img.checksum === undefined || img.checksum === "") {
        out.push(
          finding(
            "T6",
            "warning",
            pointer("spec", "images", k),
            `Cloud image '${img.name}' has no checksum: the download is not verified, and a rebuild may get different bits from the same URL.`,
            `Add 'checksum' (${algorithm}) from the publisher's checksum file (e.g. SHA256SUMS next to the image).`,
          ),
        );
        return;
      }
      const length = HEX_LENGTH[algorithm];
      if (length !== undefined && !new RegExp(`^[0-9a-fA-F]{${length}}$`).test(img.checksum)) {
        out.push(
          finding(
            "T6",
            "error",
            pointer("spec", "images", k, "checksum"),
            `The checksum of cloud image '${img.name}' is not a ${algorithm} value (${length} hex digits), so the download would always fail verification.`,
            `Copy the ${algorithm} checksum exactly, or set 'checksumAlgorithm' to the algorithm it belongs to.`,
          ),
        );
      }
    });
    return out;
  },
};
