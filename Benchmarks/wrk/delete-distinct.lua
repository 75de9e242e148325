-- Deletes one more lead per request: thread t of n deletes ids t+1, t+1+n, t+1+2n, ... so every request removes a
-- different generated lead with its full cascade. POST JSON, as the seed's cURL example sends it.
local threads = {}

function setup(thread)
   thread:set("tid", #threads)
   table.insert(threads, thread)
end

function init(args)
   counter = 0
   nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
   path = os.getenv("BENCH_PATH") or "/rest/crm.lead.delete"
end

function request()
   local id = tid + 1 + counter * nthreads
   counter = counter + 1
   return wrk.format("POST", path, {["Content-Type"] = "application/json"}, '{"id":' .. id .. '}')
end
