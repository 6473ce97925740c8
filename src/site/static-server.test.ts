import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { serveStatic, type StaticServer } from "./static-server.js";

let root: string;
let server: StaticServer;
// A file beside the site's folder, which a request must never reach.
const outside = join(tmpdir(), "outside-the-site.txt");

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "site-dist-"));
  mkdirSync(join(root, "proofs"));
  writeFileSync(join(root, "index.html"), "<h1>home</h1>");
  writeFileSync(join(root, "404.html"), "<h1>not here</h1>");
  writeFileSync(join(root, "proofs", "smoke.html"), "<h1>smoke</h1>");
  writeFileSync(outside, "secret");
  server = await serveStatic(root, { base: "/kafka-consumer-group-proofs/" });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { force: true });
});

const get = async (path: string) => {
  const response = await fetch(new URL(path, server.url));
  return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
};

test("serves the site under its base, as GitHub Pages does", async () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/kafka-consumer-group-proofs\/$/);
  expect(await get("/kafka-consumer-group-proofs/")).toEqual({ status: 200, type: "text/html; charset=utf-8", body: "<h1>home</h1>" });
  expect((await get("/kafka-consumer-group-proofs/proofs/smoke.html")).body).toBe("<h1>smoke</h1>");
  expect((await get("/kafka-consumer-group-proofs/proofs/smoke")).body).toBe("<h1>smoke</h1>");
});

test("anything else is the site's 404 page, with status 404", async () => {
  expect(await get("/kafka-consumer-group-proofs/nope.html")).toMatchObject({ status: 404, body: "<h1>not here</h1>" });
  expect((await get("/index.html")).status).toBe(404);
});

test("never serves a file outside the built site", async () => {
  expect(await get("/kafka-consumer-group-proofs/..%2Foutside-the-site.txt")).toMatchObject({ status: 404, body: "<h1>not here</h1>" });
  expect((await get("/kafka-consumer-group-proofs/%2e%2e/outside-the-site.txt")).status).toBe(404);
});

test("a folder without a built site is refused, saying how to build it", async () => {
  await expect(serveStatic(join(root, "proofs"))).rejects.toThrow("holds no built site (no index.html).\n  → Build it first: npm run docs:build");
});

test("never follows a link out of the built site", async () => {
  const outsideFolder = mkdtempSync(join(tmpdir(), "outside-the-site-"));
  writeFileSync(join(outsideFolder, "index.html"), "secret folder");
  symlinkSync(outside, join(root, "leak.html"));
  symlinkSync(outsideFolder, join(root, "leak-folder"));
  try {
    expect(await get("/kafka-consumer-group-proofs/leak.html")).toMatchObject({ status: 404, body: "<h1>not here</h1>" });
    expect(await get("/kafka-consumer-group-proofs/leak")).toMatchObject({ status: 404, body: "<h1>not here</h1>" });
    expect(await get("/kafka-consumer-group-proofs/leak-folder/")).toMatchObject({ status: 404, body: "<h1>not here</h1>" });
  } finally {
    rmSync(join(root, "leak.html"));
    rmSync(join(root, "leak-folder"));
    rmSync(outsideFolder, { recursive: true, force: true });
  }
});

test("follows a link that stays inside the built site", async () => {
  symlinkSync(join(root, "proofs", "smoke.html"), join(root, "proofs", "alias.html"));
  try {
    expect(await get("/kafka-consumer-group-proofs/proofs/alias")).toMatchObject({ status: 200, body: "<h1>smoke</h1>" });
  } finally {
    rmSync(join(root, "proofs", "alias.html"));
  }
});

test("a file that cannot be read fails its request, not the server", async () => {
  // 404.html made a folder: what a rebuild caught half-way can leave; reading it fails.
  const broken = mkdtempSync(join(tmpdir(), "site-dist-broken-"));
  writeFileSync(join(broken, "index.html"), "<h1>home</h1>");
  mkdirSync(join(broken, "404.html"));
  await using brokenServer = await serveStatic(broken);
  try {
    const missing = await fetch(new URL("nope", brokenServer.url));
    expect({ status: missing.status, body: await missing.text() }).toEqual({ status: 404, body: "Not found" });
    const home = await fetch(brokenServer.url);
    expect({ status: home.status, body: await home.text() }).toEqual({ status: 200, body: "<h1>home</h1>" });
  } finally {
    rmSync(broken, { recursive: true, force: true });
  }
});

test("a named pipe in the site is not waited on", async () => {
  execFileSync("mkfifo", [join(root, "pipe.html")]);
  try {
    expect(await get("/kafka-consumer-group-proofs/pipe")).toMatchObject({ status: 404, body: "<h1>not here</h1>" });
  } finally {
    rmSync(join(root, "pipe.html"));
  }
});

test("a site removed while it is served gives 404s, and the server stays up for the next build", async () => {
  const rebuilt = mkdtempSync(join(tmpdir(), "site-dist-rebuilt-"));
  writeFileSync(join(rebuilt, "index.html"), "<h1>first</h1>");
  await using rebuiltServer = await serveStatic(rebuilt);
  try {
    rmSync(rebuilt, { recursive: true, force: true });
    const gone = await fetch(rebuiltServer.url);
    expect(gone.status).toBe(404);
    await gone.text();
    mkdirSync(rebuilt);
    writeFileSync(join(rebuilt, "index.html"), "<h1>second</h1>");
    expect(await (await fetch(rebuiltServer.url)).text()).toBe("<h1>second</h1>");
  } finally {
    rmSync(rebuilt, { recursive: true, force: true });
  }
});
