import { expect, test } from "vitest";
import { proofHref, siteBase } from "./site-base.js";

test("siteBase reads SITE_BASE into a path with a slash at both ends", () => {
  const bases = [undefined, "", "/", "repo", "/repo", "repo/", "/a/b/"].map((SITE_BASE) => siteBase({ SITE_BASE }));
  expect(bases).toEqual(["/", "/", "/", "/repo/", "/repo/", "/repo/", "/a/b/"]);
});

test("proofHref is the built page's URL under the base", () => {
  expect(proofHref("/repo/", "ack-isolation")).toBe("/repo/proofs/ack-isolation.html");
});
