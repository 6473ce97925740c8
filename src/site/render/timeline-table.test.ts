import { expect, test } from "vitest";
import type { TimelineEvent } from "../../evidence/proof-result.js";
import { renderTimeline, TIMELINE_LIMIT } from "./timeline-table.js";

const event = (at: number, event: TimelineEvent["event"] = "produce"): TimelineEvent => ({ at, event, actor: "producer", summary: `produced "<b>${at}</b>"` });

test("every event in order, its summary escaped, a refusal or a crash marked", () => {
  const html = renderTimeline([event(1), event(2, "refused"), event(3, "crash")]);
  expect(html.match(/<tr/g)).toHaveLength(4);
  expect(html).toContain("produced &quot;&lt;b&gt;1&lt;/b&gt;&quot;");
  expect(html).toContain('<tr class="event-refused">');
  expect(html).toContain('<tr class="event-crash">');
});

test("a very long timeline keeps its start and end and says how many events are left out", () => {
  const html = renderTimeline(Array.from({ length: TIMELINE_LIMIT + 50 }, (_, i) => event(i)));
  expect(html.match(/<tr/g)).toHaveLength(TIMELINE_LIMIT + 2);
  expect(html).toContain("50 more events, left out here");
  expect(html).toContain(`+${TIMELINE_LIMIT + 49} ms`);
});
