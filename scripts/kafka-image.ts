#!/usr/bin/env tsx
/**
 * `npm run kafka:image`: builds the local Kafka image for podman, without a registry,
 * and prints its name, for `KAFKA_IMAGE`:
 *
 *   KAFKA_IMAGE=$(npm run -s kafka:image) KAFKA_MODE=container npm run proofs
 *
 * The first build makes a Debian root file system (kept in the cache folder), imports
 * it with Kafka's jars, and runs the broker once to record its class archive: one to
 * three minutes. Later builds of the same recipe find the image and return in a second or two.
 * Needs root (debootstrap) and podman; with podman's service running (DOCKER_HOST), the
 * image gets the class archive that makes its brokers start faster.
 * Progress goes to stderr; stdout carries only the name.
 */
import { buildKafkaImage } from "../src/broker/container/image/build-kafka-image.js";
import { SetupError } from "../src/errors.js";
import { kafkaVersionFrom } from "../src/kafka-version.js";

const started = performance.now();
try {
  const image = await buildKafkaImage({
    version: kafkaVersionFrom(process.env),
    env: process.env,
    onProgress: (message) => console.error(message),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.error(`${image.built ? "Built" : "Found"} ${image.name} (also tagged ${image.alias}) in ${seconds} s`);
  console.log(image.name);
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(error.message);
  process.exit(1);
}
