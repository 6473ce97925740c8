// The playground page: sends what the forms ask for, and redraws from GET /consumers/status about once a second.
// Values from the broker or a message are set as text, never as markup.
const token = new URL(document.currentScript.src).searchParams.get("token");
const COLUMNS = ["GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"];
const FIELDS = ["group", "topic", "partition", "current_offset", "log_end_offset", "lag", "consumer_id", "host", "client_id"];
const COLOURS = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed"];
const $ = (id) => document.getElementById(id);

function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { "x-playground-token": token, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.detail);
  return answer;
}

async function act(what, method, path, body) {
  const line = $("answer");
  line.className = "";
  line.textContent = `${what}…`;
  try {
    const answer = await call(method, path, body);
    line.className = "ok";
    line.textContent = `${what}: ${JSON.stringify(answer)}`;
  } catch (error) {
    line.className = "error";
    line.textContent = `${what}: ${error.message}`;
  }
  await refresh();
}

function drawGroups(status) {
  const box = $("groups");
  box.replaceChildren();
  for (const label of status.groups) {
    const g = status[`consumer_group_${label.toLowerCase()}`];
    box.append(el("h3", `group ${label} (${g.group_id}): ${g.state}, ${g.members} member${g.members === 1 ? "" : "s"}`, { "data-group-title": label }));
    const table = el("table", undefined, { class: "describe", "data-group": label });
    const head = el("tr");
    for (const c of COLUMNS) head.append(el("th", c));
    table.append(el("thead"), el("tbody"));
    table.tHead.append(head);
    for (const row of g.describe) {
      const tr = el("tr");
      for (const f of FIELDS) tr.append(el("td", row[f] === null ? "-" : row[f]));
      table.tBodies[0].append(tr);
    }
    box.append(table);
  }
}

function drawOwners(status) {
  const box = $("owners");
  box.replaceChildren();
  const clients = [...new Set(status.groups.flatMap((l) => status[`consumer_group_${l.toLowerCase()}`].consumers.map((c) => c.client_id)))];
  for (const label of status.groups) {
    const g = status[`consumer_group_${label.toLowerCase()}`];
    const line = el("div", undefined, { "data-owners": label });
    line.append(el("strong", `group ${label}: `));
    for (const row of g.describe) {
      const owner = row.client_id;
      const colour = owner === null ? undefined : COLOURS[clients.indexOf(owner) % COLOURS.length];
      line.append(el("span", `p${row.partition} → ${owner ?? "nobody"}`, { class: `owner${owner === null ? " idle" : ""}`, ...(colour ? { style: `background:${colour}` } : {}) }));
    }
    const idle = g.consumers.filter((c) => c.partitions.length === 0).map((c) => c.client_id);
    if (idle.length > 0) line.append(el("span", ` idle: ${idle.join(", ")}`));
    box.append(line);
  }
}

function drawMatrix(status) {
  const groups = status.groups.map((l) => [l, status[`consumer_group_${l.toLowerCase()}`]]);
  const messages = new Map();
  for (const [, g] of groups) for (const m of g.messages_received) messages.set(`${m.partition}/${m.offset}`, m);
  const head = el("tr");
  for (const title of ["PARTITION", "OFFSET", "KEY", "VALUE", ...groups.map(([l]) => `group ${l}`)]) head.append(el("th", title));
  $("matrix").tHead.replaceChildren(head);
  const rows = [...messages.values()]
    .sort((a, b) => a.partition - b.partition || a.offset - b.offset)
    .map((m) => {
      const tr = el("tr");
      tr.append(el("td", m.partition), el("td", m.offset), el("td", m.key ?? "-"), el("td", m.value ?? "-"));
      for (const [label, g] of groups) {
        const got = g.messages_received.find((r) => r.partition === m.partition && r.offset === m.offset);
        const text = got ? `${got.acknowledged ? "✓ acknowledged" : "received"} (${got.consumer})` : "-";
        tr.append(el("td", text, { class: got ? (got.acknowledged ? "acked" : "received") : "", "data-group": label }));
      }
      return tr;
    });
  $("matrix").tBodies[0].replaceChildren(...rows);
}

function fillGroupChoices(labels) {
  for (const select of document.querySelectorAll("select[name=group]")) {
    const now = [...select.options].map((o) => o.value).join();
    if (now === labels.join()) continue;
    const chosen = select.value;
    select.replaceChildren(...labels.map((l) => el("option", l, { value: l })));
    if (labels.includes(chosen)) select.value = chosen;
  }
}

async function refresh() {
  try {
    const status = await call("GET", "/consumers/status");
    $("topic").textContent = status.topic;
    fillGroupChoices(status.groups);
    drawGroups(status);
    drawOwners(status);
    drawMatrix(status);
    document.body.dataset.updated = String(Date.now());
  } catch (error) {
    $("answer").className = "error";
    $("answer").textContent = `reading the status: ${error.message}`;
  }
}

async function poll() {
  await refresh();
  setTimeout(poll, 1000);
}

$("produce").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const key = form.get("key");
  void act("produce", "POST", "/produce", { content: form.get("content"), key: key === "" ? null : key });
});
$("ack").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const query = new URLSearchParams({ message_offset: form.get("offset"), partition: form.get("partition") });
  void act(`acknowledge ${form.get("group")}`, "POST", `/consumers/${encodeURIComponent(form.get("group"))}/acknowledge?${query}`);
});
$("reset").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  void act(`reset ${form.get("group")}`, "POST", `/consumers/reset?${new URLSearchParams({ group: form.get("group"), to: form.get("to") })}`);
});
$("scenario").addEventListener("click", () => void act("the original scenario", "POST", "/scenario/original"));
$("join-a").addEventListener("click", () => void act("add a member to group A", "POST", "/consumers/A/join"));
$("join-c").addEventListener("click", () => void act("add a member of group C", "POST", "/consumers/C/join"));
void poll();
