// The driver of backend/benchmark/compare.sh: with the hub and PostGraphile already running on the
// same database, checks that both give the database's answer for every shape, warms both up, runs
// interleaved rounds with one load generator (autocannon, same connections, same checks), runs the
// hand-written statement of shape c under pgbench, and prints the medians.
// Settings come from the environment (compare.sh sets them): HUB_URL, PGL_URL, ISSUER, PG_PORT,
// PLAN, READ_SQL, WORK_DIR; ROUNDS, ROUND_SECONDS, WARMUP_SECONDS, CONNECTIONS.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import autocannon from "autocannon";
import pg from "pg";

const env = process.env;
const int = (v, d) => (v === undefined || v === "" ? d : Number.parseInt(v, 10));
const HUB = env.HUB_URL, PGL = env.PGL_URL, ISSUER = env.ISSUER, PLAN = env.PLAN;
const PG_PORT = Number(env.PG_PORT), WORK = env.WORK_DIR, READ_SQL = env.READ_SQL;
const ROUNDS = int(env.ROUNDS, 3), ROUND_SECONDS = int(env.ROUND_SECONDS, 15);
const WARMUP_SECONDS = int(env.WARMUP_SECONDS, 120), CONNECTIONS = int(env.CONNECTIONS, 10);
const gid = (type, uuid) => Buffer.from(`${type}:${uuid}`).toString("base64url");
const problems = [];   // why the run fails, printed at the end

// ---- the expected answers, from the database through the API role and row-level security ------

async function asClearance(clearance, fn) {
  const client = new pg.Client({ host: "127.0.0.1", port: PG_PORT, database: "postgres", user: "hub_app",
    password: "hub_app", options: `-c hub.clearance=${clearance}` });
  await client.connect();
  try { return await fn(client); } finally { await client.end(); }
}
const raw = { getTypeParser: () => (v) => v };   // keep the statement's JSON text as it is
// shape c's statement; for the government its own filters on `reserved` go, and row-level security
// with the reserved clearance lets every row through
const nestedRead = (clearance) => asClearance(clearance, async (c) => {
  let sql = fs.readFileSync(READ_SQL, "utf8");
  if (clearance === "reserved") sql = sql.replace(/ AND NOT \w+\.reserved/g, "");
  const text = (await c.query({ text: sql, types: raw })).rows[0].json_build_object;
  return { text, json: JSON.parse(text) };
});
const open = await asClearance("open", async (c) => ({
  tasks: (await c.query(`SELECT id, title FROM task WHERE work_plan_id = $1 ORDER BY created_at, id`, [PLAN])).rows,
  planned: (await c.query(`SELECT title, status, to_char(due_date, 'YYYY-MM-DD') AS "dueDate" FROM task
      WHERE work_plan_id = $1 AND status = 'PLANNED' ORDER BY due_date, id`, [PLAN])).rows,
}));
const sqlOpen = await nestedRead("open");
const sqlReserved = await nestedRead("reserved");
const counts = (answer) => {
  const ws = answer.data.workPlan.workstreams.edges;
  const ts = ws.flatMap((w) => w.node.tasks.edges);
  return [ws.length, ts.length, ts.flatMap((t) => t.node.resources).length].join(" x ");
};
const lastResource = (answer) => answer.data.workPlan.workstreams.edges.at(-1).node.tasks.edges.at(-1).node.resources.at(-1).description;
console.log(`visible through row-level security (workstreams x tasks x resources): civil society ${counts(sqlOpen.json)}, government ${counts(sqlReserved.json)}`);
if (counts(sqlOpen.json) !== "8 x 360 x 720" || counts(sqlReserved.json) !== "10 x 500 x 1000" || open.tasks.length !== 360) {
  console.error("the benchmark data is not what it should be (8 x 360 x 720 and 10 x 500 x 1000)");
  process.exit(1);
}

// ---- the shapes: equivalent documents for both servers, the expected answer, a cheap check ------

const RESOURCE_HUB = "resources { description amount { amount currency } }";
const RESOURCE_PGL = "resources(orderBy: CREATED_AT_ASC) { nodes { description amount currency } }";
const nestedHub = `query Nested($plan: ID!) { workPlan(id: $plan) { title workstreams(first: 10) { edges { node { title
  tasks(first: 50) { edges { node { title status dueDate ${RESOURCE_HUB} } } } } } } } }`;
const nestedPgl = `query Nested($plan: UUID!) { workPlan(rowId: $plan) { title workstreams(first: 10, orderBy: CREATED_AT_ASC) { edges { node { title
  tasks(first: 50, orderBy: CREATED_AT_ASC) { edges { node { title status dueDate ${RESOURCE_PGL} } } } } } } } }`;
const body = (query, variables) => JSON.stringify({ query, variables });
const firstTask = open.tasks[0];
const firstTaskExpected = await asClearance("open", async (c) => ({
  data: { task: { ...(await c.query(`SELECT title, status, to_char(due_date, 'YYYY-MM-DD') AS "dueDate" FROM task WHERE id = $1`,
    [firstTask.id])).rows[0], resources: (await c.query(`SELECT description,
      json_build_object('amount', amount::text, 'currency', currency) AS amount FROM resource WHERE task_id = $1 ORDER BY created_at, id`,
    [firstTask.id])).rows } },
}));
const plannedPage = open.planned.slice(0, 50);

const SHAPES = [
  {
    key: "a", name: "a. task by id + resources", clearance: "open",
    // every request asks for the next of the 360 tasks civil society sees
    requests: {
      hub: open.tasks.map((t) => ({ body: body(`query Task($id: ID!) { task(id: $id) { title status dueDate ${RESOURCE_HUB} } }`, { id: gid("Task", t.id) }), last: `${t.title} resource 2` })),
      pgl: open.tasks.map((t) => ({ body: body(`query Task($id: UUID!) { task(rowId: $id) { title status dueDate ${RESOURCE_PGL} } }`, { id: t.id }), last: `${t.title} resource 2` })),
    },
    key_: '"description":"', count: 2, expected: firstTaskExpected,
  },
  {
    key: "b", name: "b. 50 tasks by status, due date, totalCount", clearance: "open",
    requests: {
      hub: [{ body: body(`query Page($plan: ID!) { tasks(workPlanId: $plan, first: 50, filter: {status: [PLANNED]}, orderBy: {field: DUE_DATE, direction: ASC}) {
        totalCount edges { node { title status dueDate } } } }`, { plan: gid("WorkPlan", PLAN) }), last: plannedPage.at(-1).title }],
      pgl: [{ body: body(`query Page($plan: UUID!) { tasks(condition: {workPlanId: $plan, status: "PLANNED"}, first: 50, orderBy: DUE_DATE_ASC) {
        totalCount edges { node { title status dueDate } } } }`, { plan: PLAN }), last: plannedPage.at(-1).title }],
    },
    key_: '"title":"', count: 50, contains: `"totalCount":${open.planned.length}`,
    expected: { data: { tasks: { totalCount: open.planned.length, edges: plannedPage.map((node) => ({ node })) } } },
  },
  {
    key: "c", name: "c. nested plan, civil society", clearance: "open",
    requests: {
      hub: [{ body: body(nestedHub, { plan: gid("WorkPlan", PLAN) }), last: lastResource(sqlOpen.json) }],
      pgl: [{ body: body(nestedPgl, { plan: PLAN }), last: lastResource(sqlOpen.json) }],
    },
    key_: '"description":"', count: 720, expected: sqlOpen.json,
  },
  {
    key: "d", name: "d. nested plan, government", clearance: "reserved", role: "government",
    requests: {
      hub: [{ body: body(nestedHub, { plan: gid("WorkPlan", PLAN) }), last: lastResource(sqlReserved.json) }],
      pgl: [{ body: body(nestedPgl, { plan: PLAN }), last: lastResource(sqlReserved.json) }],
    },
    key_: '"description":"', count: 1000, expected: sqlReserved.json,
  },
];

// PostGraphile's answer in the hub's form: resource connections as lists, amount + currency as Money
function asHubAnswer(value) {
  if (Array.isArray(value)) return value.map(asHubAnswer);
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "resources" && v && Array.isArray(v.nodes)) {
      out[k] = v.nodes.map((r) => ({ description: r.description, amount: r.amount === null ? null : { amount: r.amount, currency: r.currency } }));
    } else {
      out[k] = asHubAnswer(v);
    }
  }
  return out;
}

// the per-request check: no errors, the expected number of items, the expected item last
function check(shape, answer, last) {
  if (answer.includes('"errors"')) return false;
  if (shape.contains && !answer.includes(shape.contains)) return false;
  let n = 0, at = -1;
  for (let i = answer.indexOf(shape.key_); i >= 0; i = answer.indexOf(shape.key_, i + 1)) { n++; at = i; }
  return n === shape.count && answer.startsWith(`${last}"`, at + shape.key_.length);
}

// ---- servers and load -----------------------------------------------------------------------

const tokenCache = {};
async function token(role) {
  const cached = tokenCache[role];
  if (cached && cached.until > Date.now() + 120_000) return cached.token;   // refreshed well before expiry
  const answer = await fetch(`${ISSUER}/protocol/openid-connect/token`, { method: "POST", body: new URLSearchParams({
    grant_type: "password", client_id: "hub-frontend", username: `demo-${role}`, password: `demo-${role}-pass` }) });
  if (!answer.ok) throw new Error(`no token for demo-${role}: HTTP ${answer.status}`);
  const json = await answer.json();
  tokenCache[role] = { token: json.access_token, until: Date.now() + json.expires_in * 1000 };
  return json.access_token;
}
const TARGETS = {
  hub: { label: "hub", url: `${HUB}/graphql`,
    headers: async (shape) => ({ "content-type": "application/json", authorization: `Bearer ${await token(shape.role ?? "civil-society")}` }) },
  pgl: { label: "PostGraphile", url: `${PGL}/graphql`,
    headers: async (shape) => ({ "content-type": "application/json", ...(shape.clearance === "reserved" ? { "x-hub-clearance": "reserved" } : {}) }) },
};

async function preflight() {
  for (const shape of SHAPES) {
    for (const [key, target] of Object.entries(TARGETS)) {
      const request = shape.requests[key][0];
      const answer = await (await fetch(target.url, { method: "POST", headers: await target.headers(shape), body: request.body })).text();
      let same = false;
      try { same = isDeepStrictEqual(key === "pgl" ? asHubAnswer(JSON.parse(answer)) : JSON.parse(answer), shape.expected); } catch { /* not JSON */ }
      const ok = same && check(shape, answer, request.last);
      if (!ok) {
        problems.push(`${target.label}, shape ${shape.key}: the first answer is not the database's`);
        console.log(`WRONG ANSWER: ${target.label}, shape ${shape.key}: ${answer.slice(0, 400)}`);
      }
    }
  }
  console.log(problems.length ? "pre-flight: some answers differ from the database's (see above)" : "pre-flight: every shape answers exactly the database's rows on both servers");
}

async function load(targetKey, shape, seconds) {
  const target = TARGETS[targetKey];
  const latencies = [];
  let done = 0, wrong = 0, bytes = 0;
  const requests = shape.requests[targetKey].map((r) => ({
    body: r.body,
    onResponse: (status, answer) => {
      done++;
      bytes += answer.length;
      if (status !== 200 || !check(shape, answer, r.last)) wrong++;
    },
  }));
  const headers = await target.headers(shape);   // a fresh token when the last one nears its expiry
  const started = process.hrtime.bigint();
  const result = await new Promise((resolve, reject) => {
    const instance = autocannon({ url: target.url, method: "POST", connections: CONNECTIONS, pipelining: 1, duration: seconds,
      timeout: 30, headers, requests }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((x, y) => x - y);
  const failures = wrong + result.errors + result.timeouts;
  return { rps: done / elapsed, p50: pct(latencies, 50), p99: pct(latencies, 99), bytes: done ? bytes / done : NaN, done, wrong: failures };
}
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN);

let running = null;   // the pgbench process of the moment, stopped with the driver
process.on("SIGTERM", () => { running?.kill(); process.exit(143); });
process.on("SIGINT", () => { running?.kill(); process.exit(130); });
function pgbench(seconds) {
  const prefix = path.join(WORK, `pgbench-${Date.now()}`);
  return new Promise((resolve, reject) => {
    const child = running = spawn("pgbench", ["-n", "-M", "prepared", "-c", String(CONNECTIONS), "-j", "2", "-T", String(seconds), "-f", READ_SQL,
      "-l", "--log-prefix", prefix, "-h", "127.0.0.1", "-p", String(PG_PORT), "-U", "hub_app", "postgres"],
      { env: { ...env, PGPASSWORD: "hub_app", PGOPTIONS: "-c hub.clearance=open" }, cwd: WORK });
    let out = "";
    child.stdout.on("data", (d) => { out += d; });
    child.stderr.on("data", (d) => { out += d; });
    child.on("error", reject);
    child.on("close", (code) => {
      running = null;
      const logs = fs.readdirSync(WORK).filter((f) => path.join(WORK, f).startsWith(prefix)).map((f) => path.join(WORK, f));
      const latencies = logs.flatMap((f) => fs.readFileSync(f, "utf8").split("\n").filter(Boolean).map((l) => Number(l.split(" ")[2]) / 1000));
      logs.forEach((f) => fs.rmSync(f));
      latencies.sort((x, y) => x - y);
      const tps = Number((out.match(/tps = ([\d.]+) \(without initial connection time\)/) || [])[1]);
      const failedTx = Number((out.match(/number of failed transactions: (\d+)/) || [0, 0])[1]);
      if (code !== 0 || !Number.isFinite(tps)) { reject(new Error(`pgbench failed (${code}): ${out}`)); return; }
      resolve({ rps: tps, p50: pct(latencies, 50), p99: pct(latencies, 99), bytes: sqlOpen.text.length, done: latencies.length, wrong: failedTx });
    });
  });
}

// ---- the run ---------------------------------------------------------------------------------

const f0 = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString("en-US") : "-");
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 1 : 0) : "-");
const median = (xs) => { const s = xs.filter(Number.isFinite).sort((x, y) => x - y); return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN; };
const line = (label, r) => `${label}: ${f0(r.rps)} req/s, p50 ${f1(r.p50)} ms, p99 ${f1(r.p99)} ms, ${f0(r.bytes)} B, wrong ${r.wrong}`;

await preflight();
const results = {};   // results[shape][target] = [round results]
const record = (shape, target, r) => { ((results[shape] ??= {})[target] ??= []).push(r); };

const warmEach = Math.max(1, WARMUP_SECONDS / SHAPES.length);
console.log(`warm-up: ${WARMUP_SECONDS} s per server (${warmEach.toFixed(1)} s per shape), then ${ROUNDS} interleaved rounds of ${ROUND_SECONDS} s per shape and server, ${CONNECTIONS} connections`);
const warmWrong = { hub: 0, pgl: 0 };
for (const targetKey of ["hub", "pgl"]) {
  for (const shape of SHAPES) warmWrong[targetKey] += (await load(targetKey, shape, warmEach)).wrong;
}
await pgbench(Math.max(1, Math.round(Math.min(5, warmEach))));
console.log(`warm-up wrong answers: hub ${warmWrong.hub}, PostGraphile ${warmWrong.pgl}`);

for (let round = 1; round <= ROUNDS; round++) {
  for (const shape of SHAPES) {
    const order = round % 2 ? ["hub", "pgl"] : ["pgl", "hub"];   // who goes first alternates
    for (const targetKey of order) {
      const r = await load(targetKey, shape, ROUND_SECONDS);
      record(shape.key, targetKey, r);
      if (r.done === 0) problems.push(`${shape.key} ${TARGETS[targetKey].label}, round ${round}: no answer within the round`);
      console.log(`round ${round}/${ROUNDS} ${line(`${shape.key} ${TARGETS[targetKey].label}`, r)}`);
    }
  }
  const r = await pgbench(ROUND_SECONDS);
  record("e", "pgbench", r);
  if (r.done === 0) problems.push(`e pgbench, round ${round}: no transaction within the round`);
  console.log(`round ${round}/${ROUNDS} ${line("e pgbench", r)}`);
}

const m = (shape, target) => {
  const rs = results[shape][target];
  return { rps: median(rs.map((r) => r.rps)), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)),
    bytes: median(rs.map((r) => r.bytes)), wrong: rs.reduce((s, r) => s + r.wrong, 0), done: rs.reduce((s, r) => s + r.done, 0) };
};
const pad = (s, n) => String(s).padEnd(n), lpad = (s, n) => String(s).padStart(n);
const cols = (r) => [lpad(f0(r.rps), 7), lpad(f1(r.p50), 6), lpad(f1(r.p99), 6), lpad(f0(r.bytes), 8), lpad(`${r.wrong}/${f0(r.done)}`, 11)].join(" ");
console.log(`\nmedians of ${ROUNDS} rounds x ${ROUND_SECONDS} s, ${CONNECTIONS} connections (req/s; p50 and p99 in ms; answer bytes; wrong or failed / answers, over all rounds)`);
console.log(`${pad("shape", 46)} ${pad("hub", 42)} | ${pad("PostGraphile 5", 42)} | hub/PG req/s  p99 hub<=PG`);
console.log(`${pad("", 46)} ${lpad("req/s", 7)} ${lpad("p50", 6)} ${lpad("p99", 6)} ${lpad("bytes", 8)} ${lpad("wrong", 11)}  | ${lpad("req/s", 7)} ${lpad("p50", 6)} ${lpad("p99", 6)} ${lpad("bytes", 8)} ${lpad("wrong", 11)}  |`);
for (const shape of SHAPES) {
  const h = m(shape.key, "hub"), p = m(shape.key, "pgl");
  if (h.wrong) problems.push(`${shape.key} hub: ${h.wrong} wrong or failed answers`);
  if (p.wrong) problems.push(`${shape.key} PostGraphile: ${p.wrong} wrong or failed answers`);
  console.log(`${pad(shape.name, 46)} ${cols(h)}  | ${cols(p)}  | ${lpad((h.rps / p.rps).toFixed(2), 12)}  ${h.p99 <= p.p99 ? "yes" : "no"}`);
}
const e = m("e", "pgbench"), c = m("c", "hub");
if (e.wrong) problems.push(`e pgbench: ${e.wrong} failed transactions`);
console.log(`${pad("e. c as one SQL statement (pgbench, prepared)", 46)} ${cols(e)}  | hub c / pgbench: ${(c.rps / e.rps).toFixed(2)}`);
if (problems.length) console.log(`\nFAILED (the figures of a failing server do not count):\n  ${[...new Set(problems)].join("\n  ")}`);
process.exit(problems.length ? 3 : 0);
