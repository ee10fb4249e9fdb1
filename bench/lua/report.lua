-- Shared by every case: one machine-readable summary line for bench/run.sh, printed after wrk's own report.
--   WRK requests=<n> duration_us=<n> p50_us=<n> p99_us=<n> non2xx=<n> connect=<n> read=<n> write=<n> timeout=<n>
-- non2xx is wrk's count of responses outside 200-399. Used alone for the GET cases (wrk -s bench/lua/report.lua).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_us=%d p50_us=%.0f p99_us=%.0f non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect, e.read, e.write, e.timeout))
end
