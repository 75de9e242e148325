-- POSTs a fixed JSON body (BENCH_BODY) to BENCH_PATH, as b24pysdk and fast_bitrix24 send calls.
local body = os.getenv("BENCH_BODY") or "{}"
local path = os.getenv("BENCH_PATH") or "/"

function request()
   return wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
end
