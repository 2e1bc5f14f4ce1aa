-- wrk script for "appeal submission": every request is an anonymous POST of the JSON body in the file named
-- by WRK_BODY_FILE (Benchmarks/run writes a valid appeal: channel, regionCode, a categoryCode read from
-- GET /api/v1/appeals/categories, language, description, consent). The body is the same for every request;
-- each POST still creates a new appeal with its own ID and tracking code. Reporting comes from report.lua.
local file = assert(io.open(assert(os.getenv("WRK_BODY_FILE"), "WRK_BODY_FILE is not set"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")
