import { GenericContainer } from "testcontainers";
import type { PortBindings } from "../container-config.js";

/**
 * A GenericContainer whose ports are published where we say: testcontainers' own
 * `withExposedPorts` can choose the host port but not the host address, and so
 * publishes on every interface of the host.
 */
export class PublishedContainer extends GenericContainer {
  withPortBindings(bindings: PortBindings): this {
    // Declared to testcontainers too, which waits for them to be bound and reads them back.
    this.withExposedPorts(...Object.keys(bindings).map((key) => Number.parseInt(key, 10)));
    // dockerode types the bindings as `any`; they have the shape of ours.
    this.hostConfig.PortBindings = { ...(this.hostConfig.PortBindings as PortBindings | undefined), ...bindings };
    return this;
  }
}
