import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { escapeHtml, escapeMarkdownText } from "./escape.js";
import { textOf, vitepressMarkdown } from "./fixtures/vitepress-markdown.js";

describe("escapeHtml", () => {
  test("turns markup and Vue interpolation into text", () => {
    expect(escapeHtml(`<img src=x onerror=alert(1)> & "q" 'a' {{ x }}`)).toBe("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#39;a&#39; &#123;&#123; x &#125;&#125;");
  });
});

describe("escapeMarkdownText, rendered by VitePress's own markdown renderer", () => {
  let md: Awaited<ReturnType<typeof vitepressMarkdown>>;
  beforeAll(async () => {
    md = await vitepressMarkdown();
  });
  afterAll(() => md.dispose());

  test.each([
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "*not emphasis* and _not either_",
    "[not a link](javascript:alert(1))",
    "not an emoji :tada: nor a link https://example.com",
    "{{ constructor.constructor('alert(1)')() }}",
    "a | b ~~c~~ `d` \\e & f",
  ])("%s shows as exactly that text, with no markup", (text) => {
    const html = md.render(`# ${escapeMarkdownText(text)}\n\nSaid: ${escapeMarkdownText(text)}`, { relativePath: "test.md" });
    const [heading, paragraph] = html.split("\n");
    expect(paragraph).toMatch(/^<p>[^<]*<\/p>$/);
    expect(html).not.toContain("{{");
    expect(textOf(paragraph!)).toBe(`Said: ${text}`);
    expect(textOf(heading!).trim()).toBe(text);
  });

  test("line breaks are folded, so a value cannot start a heading or a list", () => {
    expect(textOf(md.render(`Said: ${escapeMarkdownText("one\n\n# two\n- three")}`, {})).trim()).toBe("Said: one # two - three");
  });
});
