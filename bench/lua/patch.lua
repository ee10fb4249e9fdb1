-- patch: merge-patch contacts with If-Match, with no 412s. Run with -t4 -c4, so each thread has one connection and its
-- requests are sequential, and pass: -- <ids file> <offset> <per thread>
-- Thread t (0-3) owns the lines offset + t*per + 1 … offset + (t+1)*per of the ids file (one contact id a line, each
-- at version 1 when the run starts, and used by no other run), cycles through them, and keeps each contact's version
-- from the ETag of the last 200 (falling back to +1). The URL is the collection (…/contacts).
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")

local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local ids, versions, current, n, base, sent = {}, {}, 0, 0, "", 0

function init(args)
  local file, offset, per = args[1], tonumber(args[2]), tonumber(args[3])
  local first = offset + tid * per + 1
  local line = 0
  for id in io.lines(file) do
    line = line + 1
    if line >= first and line < first + per then
      ids[#ids + 1] = id
      versions[#ids] = 1
    end
  end
  if #ids ~= per then error(string.format("ids file %s has too few lines for offset %d", file, first)) end
  n = per
  base = wrk.path:gsub("/$", "")
end

function request()
  current = current % n + 1
  sent = sent + 1
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["Content-Type"] = "application/merge-patch+json"
  headers["If-Match"] = '"' .. versions[current] .. '"'
  local body = string.format('{"firstName":"Patched %d-%d"}', tid, sent)
  return wrk.format("PATCH", base .. "/" .. ids[current], headers, body)
end

function response(status, headers, body)
  if status == 200 then
    local etag = headers["ETag"] or headers["Etag"] or headers["etag"]
    versions[current] = (etag and tonumber(etag:match("%d+"))) or versions[current] + 1
  end
end
