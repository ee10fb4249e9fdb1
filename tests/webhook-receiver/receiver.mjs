// A loopback webhook receiver for tests: every POST is verified with the Standard Webhooks reference
// library (standardwebhooks, pinned in package-lock.json), exactly as a customer's receiver would do it.
//
//   node receiver.mjs --port 0 --secret whsec_... [--secret whsec_...] [--fail-first N] [--status CODE] [--retry-after VALUE] [--delay MS]
//
// Listens on 127.0.0.1 only and prints {"port":N} as its first stdout line.
// POST (any path): 204 when any given secret verifies the request, 401 otherwise. Knobs, as flags or per
// request as query parameters (?fail-first=N&status=CODE&retry-after=VALUE&delay=MS, overriding the flags), change the
// answer whatever the verification said:
//   fail-first N         answer 500 to the first N requests of each webhook-id (per path and query)
//   status CODE          answer CODE
//   retry-after VALUE    send a Retry-After header with VALUE (seconds or an HTTP date) on every answer
//   delay MS             answer MS milliseconds after the request arrived (a slow receiver)
// GET /received: the log, [{ id, timestamp, type, verified, error, status, path, body }], oldest first.
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { Webhook } from "standardwebhooks";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    secret: { type: "string", multiple: true, default: [] },
    "fail-first": { type: "string", default: "0" },
    status: { type: "string" },
    "retry-after": { type: "string" },
    delay: { type: "string" },
  },
});
if (args.secret.length === 0) {
  console.error("receiver.mjs: give at least one --secret whsec_...");
  process.exit(2);
}
const verifiers = args.secret.map((s) => new Webhook(s));
const received = [];
const attempts = new Map();

function integer(text, fallback) {
  if (text === undefined || text === null || text === "") return fallback;
  const n = Number.parseInt(text, 10);
  return Number.isNaN(n) ? fallback : n;
}

function verify(body, headers) {
  let error = null;
  for (const webhook of verifiers) {
    try {
      webhook.verify(body, headers);
      return { verified: true, error: null };
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  }
  return { verified: false, error };
}

function typeOf(body) {
  try {
    const type = JSON.parse(body.toString("utf8"))?.type;
    return typeof type === "string" ? type : null;
  } catch {
    return null;
  }
}

function answer(req, url, verified) {
  const key = `${url.pathname}${url.search}\n${req.headers["webhook-id"] ?? ""}`;
  const attempt = (attempts.get(key) ?? 0) + 1;
  attempts.set(key, attempt);
  const failFirst = integer(url.searchParams.get("fail-first"), integer(args["fail-first"], 0));
  if (attempt <= failFirst) return 500;
  const status = integer(url.searchParams.get("status"), integer(args.status, null));
  if (status !== null) return status;
  return verified ? 204 : 401;
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (req.method === "GET" && url.pathname === "/received") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(received));
    return;
  }
  if (req.method !== "POST") {
    res.writeHead(405).end();
    return;
  }
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    // The raw bytes as received: the library decodes them as UTF-8 before computing the signature.
    const body = Buffer.concat(chunks);
    const { verified, error } = verify(body, req.headers);
    const status = answer(req, url, verified);
    const timestamp = integer(req.headers["webhook-timestamp"], null);
    received.push({
      id: req.headers["webhook-id"] ?? null,
      timestamp,
      type: typeOf(body),
      verified,
      error,
      status,
      path: `${url.pathname}${url.search}`,
      body: body.toString("utf8"),
    });
    const retryAfter = url.searchParams.get("retry-after") ?? args["retry-after"];
    const delay = integer(url.searchParams.get("delay"), integer(args.delay, 0));
    const reply = () => res.writeHead(status, retryAfter ? { "retry-after": retryAfter } : {}).end();
    if (delay > 0) setTimeout(reply, delay);
    else reply();
  });
});

server.listen(integer(args.port, 0), "127.0.0.1", () => {
  console.log(JSON.stringify({ port: server.address().port }));
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
