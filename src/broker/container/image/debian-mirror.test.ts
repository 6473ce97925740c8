import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ToolchainError } from "../../../errors.js";
import { debianMirror, parseDeb822Sources, parseSourcesList, readDebianMirror } from "./debian-mirror.js";

const DEB822 = `Types: deb
# a snapshot, kept for reference
URIs: http://mirror.example/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror.example/debian-security
Suites: bookworm-security
Components: main
`;

const THIRD_PARTY = `Types: deb
URIs: https://deb.vendor.example/node_20.x
Suites: nodistro
Components: main
`;

describe("debianMirror", () => {
  it("takes the Debian archive from deb822 sources, not the security archive", () => {
    expect(debianMirror(parseDeb822Sources(DEB822))).toBe("http://mirror.example/debian");
  });

  it("reads classic sources.list lines, with options and comments", () => {
    const list = "# deb http://old.example/debian buster main\ndeb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian/ trixie main contrib\n";
    expect(debianMirror(parseSourcesList(list))).toBe("http://mirror.example/debian");
  });

  it("skips third parties, disabled stanzas, source-only entries and other distributions", () => {
    const disabled = "Enabled: no\nTypes: deb\nURIs: http://off.example/debian\nSuites: bookworm\nComponents: main\n";
    const sources = [
      ...parseDeb822Sources(THIRD_PARTY),
      ...parseDeb822Sources(disabled),
      ...parseSourcesList("deb-src http://mirror.example/debian bookworm main\ndeb http://archive.ubuntu.example/ubuntu jammy main\n"),
    ];
    expect(debianMirror(sources)).toBeUndefined();
  });
});

describe("readDebianMirror", () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  async function aptDir(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "apt-test-"));
    dirs.push(dir);
    await mkdir(join(dir, "sources.list.d"));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    return dir;
  }

  it("reads the machine's apt configuration, both formats", async () => {
    const dir = await aptDir({ "sources.list.d/vendor.sources": THIRD_PARTY, "sources.list.d/debian.sources": DEB822 });
    expect(await readDebianMirror({}, dir)).toBe("http://mirror.example/debian");
  });

  it("lets DEBIAN_MIRROR decide", async () => {
    expect(await readDebianMirror({ DEBIAN_MIRROR: "http://given.example/debian/" }, await aptDir({}))).toBe("http://given.example/debian");
  });

  it("says what to set when apt knows no Debian archive", async () => {
    const error = await readDebianMirror({}, await aptDir({ "sources.list.d/vendor.sources": THIRD_PARTY })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolchainError);
    expect((error as Error).message).toContain("Set DEBIAN_MIRROR");
  });
});
