import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
