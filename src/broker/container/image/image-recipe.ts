import { createHash } from "node:crypto";

/**
 * What the local Kafka image is made of, in one place: a Debian root file system
 * with a Java runtime, Kafka's jars, and the entry point beside this file.
 */

/** Local images only: the `localhost/` prefix keeps engines from looking for it in a registry. */
export const IMAGE_REPOSITORY = "localhost/kafka-consumer-group-proofs";

/**
 * Kafka 4 brokers need Java 17+ (KIP-1013); bookworm's JRE is 17, and debootstrap
 * fetches it from whatever Debian mirror this machine's apt uses.
 */
export const ROOTFS = { suite: "bookworm", variant: "minbase", packages: ["openjdk-17-jre-headless"] } as const;

/** Where Kafka's jars, the entry point and its log configuration go inside the image. */
export const IMAGE_HOME = "/opt/kafka-proofs";

/** `podman import --change` instructions that make the tarball a runnable image. */
export function imageChanges(version: string): string[] {
  return [
    `ENTRYPOINT ["${IMAGE_HOME}/entrypoint.sh"]`,
    // nobody: the broker needs no privileges, and writes only under /tmp.
    "USER 65534:65534",
    "WORKDIR /tmp",
    `ENV KAFKA_PROOFS_HOME=${IMAGE_HOME}`,
    `LABEL org.opencontainers.image.title="Apache Kafka ${version} for kafka-consumer-group-proofs"`,
  ];
}

/** What the image is built from: a change to any of it makes a new tag, so a stale image is never reused. */
export interface ImageInputs {
  version: string;
  entrypoint: string;
  log4j: string;
}

/** `localhost/kafka-consumer-group-proofs:<version>-<hash of what went in>`. */
export function imageName(inputs: ImageInputs): string {
  const hash = createHash("sha256")
    .update(JSON.stringify([ROOTFS, IMAGE_HOME, imageChanges(inputs.version), inputs.entrypoint, inputs.log4j]))
    .digest("hex")
    .slice(0, 12);
  return `${IMAGE_REPOSITORY}:${inputs.version}-${hash}`;
}

/** The short name that follows the newest build of a version: `localhost/kafka-consumer-group-proofs:<version>`. */
export function imageAlias(version: string): string {
  return `${IMAGE_REPOSITORY}:${version}`;
}
