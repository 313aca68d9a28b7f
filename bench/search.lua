-- wrk script for bench/search.py: cycles through the request paths of a file (one a line) and
-- sends each with a bearer token. Each thread starts at its own place in the list.
--
-- usage: wrk -t2 -c32 -d10s -s bench/search.lua http://127.0.0.1:PORT -- TOKEN PATHS_FILE

local threads = 0

function setup(thread)
  thread:set("number", threads)
  threads = threads + 1
end

local paths = {}
local i = 0
local headers = {}

function init(args)
  for k, v in pairs(wrk.headers) do -- those given with -H
    headers[k] = v
  end
  headers["Authorization"] = "Bearer " .. args[1]
  for line in io.lines(args[2]) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  if #paths == 0 then
    error("no request paths in " .. args[2])
  end
  i = ((number or 0) * 7919) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], headers)
end
