import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { directoryId, metaProperties, StorageTemplate } from "./storage-template.js";

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "storage-template-test-"));
  made.push(dir);
  return dir;
}

test("a directory id is 16 bytes in URL-safe base64, and never one of Kafka's reserved ids", () => {
  expect(directoryId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  const draws = [Buffer.alloc(16), Buffer.from([...Array(15).fill(0), 2]), Buffer.from([...Array(15).fill(0), 9])];
  expect(directoryId(() => draws.shift()!)).toBe(Buffer.from([...Array(15).fill(0), 9]).toString("base64url"));
});

test("a copy of the template is the tool's format with the node's own id, the cluster's id and a directory id of its own", async () => {
  const root = await scratch();
  const formatted = join(root, "formatted");
  await mkdir(join(formatted, "__cluster_metadata-0"), { recursive: true });
  await writeFile(join(formatted, "meta.properties"), metaProperties(1, "tool-cluster", "tool-dir"));
  await writeFile(join(formatted, "__cluster_metadata-0", "00000000000000000000-0000000000.checkpoint"), "feature levels");
  const template = new StorageTemplate(join(root, "template"));
  expect(await template.exists()).toBe(false);
  await template.keep(formatted);
  expect(await template.exists()).toBe(true);

  await template.copyTo(join(root, "node-2"), 2, "new-cluster");
  const meta = await readFile(join(root, "node-2", "meta.properties"), "utf8");
  expect(meta).toMatch(/^version=1\nnode\.id=2\ncluster\.id=new-cluster\ndirectory\.id=[A-Za-z0-9_-]{22}\n$/);
  expect(await readFile(join(root, "node-2", "__cluster_metadata-0", "00000000000000000000-0000000000.checkpoint"), "utf8")).toBe("feature levels");
  // the template itself is untouched, and a second keep keeps the first
  await writeFile(join(formatted, "meta.properties"), "another");
  await template.keep(formatted);
  expect(await template.readMeta()).toBe(metaProperties(1, "tool-cluster", "tool-dir"));
});

test("a copy never lands on storage that exists", async () => {
  const root = await scratch();
  const formatted = join(root, "formatted");
  await mkdir(formatted);
  await writeFile(join(formatted, "meta.properties"), metaProperties(1, "c", "d"));
  const template = new StorageTemplate(join(root, "template"));
  await template.keep(formatted);
  await mkdir(join(root, "taken"));
  await writeFile(join(root, "taken", "meta.properties"), "someone's");
  await expect(template.copyTo(join(root, "taken"), 1, "c2")).rejects.toThrow();
  expect(await readFile(join(root, "taken", "meta.properties"), "utf8")).toBe("someone's");
});
