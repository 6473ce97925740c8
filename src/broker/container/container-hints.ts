/** What to do when the container path fails; each says which of the usual causes it was. */

/** No Docker-API engine answered testcontainers. */
export function engineMissingHint(): string {
  return (
    "Start Docker; or, without Docker, podman's API service " +
    '(eval "$(scripts/podman-service.sh start "$(mktemp -d)")", which installs podman on Debian/Ubuntu) ' +
    "with the local image (KAFKA_IMAGE=$(npm run -s kafka:image)); or run KAFKA_MODE=native with Java 17+."
  );
}

/** The container was not created, did not start, or never logged that the broker started. */
export function containerStartHint(image: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/no such image|not found|manifest unknown|pull access denied|unable to find|repository does not exist/i.test(message)) {
    return image.startsWith("localhost/")
      ? `The image ${image} is not in the engine's store: build it with \`npm run kafka:image\` (scripts/kafka-image.ts) and set KAFKA_IMAGE to the name it prints.`
      : `The engine could not pull ${image}: check the network (or a registry mirror), or build the local image (\`npm run kafka:image\`) and set KAFKA_IMAGE to it.`;
  }
  if (/address already in use|port is already allocated|bind/i.test(message)) {
    return "The port picked for the broker was taken between choosing and publishing it; run again.";
  }
  if (/log stream ended/i.test(message)) {
    return "The broker exited before it was ready; its last lines above say why (a bad setting, or an image that does not run Kafka the way apache/kafka does).";
  }
  if (/timeout|timed out|not received after/i.test(message)) {
    return "The broker did not log that it started in time; its last lines above say why (a busy machine or a bad setting are the usual causes).";
  }
  return "Check that the engine runs containers (docker/podman run hello-world); or use KAFKA_MODE=native with Java 17+.";
}
