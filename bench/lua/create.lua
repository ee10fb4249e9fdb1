-- create: POST the URL (…/contacts) with a small JSON body. Run with -t4 -c4: four concurrent writers.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"firstName":"Bench","lastName":"Create"}'
