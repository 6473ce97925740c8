import { request } from "node:http";

export type DockerEndpoint = { socketPath: string } | { host: string; port: number };

const DEFAULT_SOCKET = "/var/run/docker.sock";

/** Where a Docker engine would listen, from `DOCKER_HOST` as the docker CLI reads it. */
export function dockerEndpoint(dockerHost: string | undefined): DockerEndpoint | undefined {
  const value = dockerHost?.trim();
  if (!value) return { socketPath: DEFAULT_SOCKET };
  if (value.startsWith("unix://")) return { socketPath: value.slice("unix://".length) };
  const tcp = /^(?:tcp|http):\/\/([^:/]+):(\d+)\/?$/.exec(value);
  if (tcp) return { host: tcp[1]!, port: Number(tcp[2]) };
  // ssh:// and npipe:// engines exist, but answering them takes the docker CLI; auto mode skips them.
  return undefined;
}

/** True when a Docker-API engine (Docker, or podman's service) answers `/_ping` within the timeout. */
export function dockerAnswers(endpoint: DockerEndpoint | undefined, timeoutMs = 1000): Promise<boolean> {
  if (!endpoint) return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = request({ ...endpoint, path: "/_ping", method: "GET", timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
    req.end();
  });
}
