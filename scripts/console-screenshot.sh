#!/usr/bin/env bash
# Signs in to the console of a running server in headless Chromium and saves a screenshot of one page.
# Talks to Debian's chromedriver over its W3C HTTP API (curl + jq), so it needs no Selenium.
#   scripts/console-screenshot.sh http://localhost:8080 "$(cat data/admin-api-key)" /calls/CA123 call.png [width]
set -euo pipefail
base=$1 key=$2 path=$3 out=$4 width=${5:-1280}
port=${CHROMEDRIVER_PORT:-9517}
/usr/bin/chromedriver --port="$port" >/dev/null 2>&1 &
driver=$!
trap 'kill $driver' EXIT
for _ in $(seq 1 50); do curl -sf "localhost:$port/status" >/dev/null && break; sleep 0.2; done
wd() { curl -s -X "$1" "localhost:$port$2" -H 'Content-Type: application/json' -d "${3:-{\}}"; }
element() { wd POST "/session/$session/element" "{\"using\":\"css selector\",\"value\":\"$1\"}" | jq -r '.value|to_entries[0].value'; }
session=$(wd POST /session '{"capabilities":{"alwaysMatch":{"browserName":"chrome","goog:chromeOptions":{"binary":"/usr/bin/chromium","args":["--headless=new","--no-sandbox","--disable-dev-shm-usage","--window-size='"$width"',900"]}}}}' | jq -r .value.sessionId)
wd POST "/session/$session/url" "{\"url\":\"$base/login\"}" >/dev/null
wd POST "/session/$session/element/$(element '#key')/value" "$(jq -cn --arg k "$key" '{text:$k}')" >/dev/null
wd POST "/session/$session/element/$(element 'button[type=submit]')/click" >/dev/null
wd POST "/session/$session/url" "{\"url\":\"$base$path\"}" >/dev/null
height=$(wd POST "/session/$session/execute/sync" '{"script":"return document.documentElement.scrollHeight","args":[]}' | jq -r .value)
wd POST "/session/$session/window/rect" "{\"width\":$width,\"height\":$((height + 100))}" >/dev/null
wd GET "/session/$session/screenshot" | jq -r .value | base64 -d > "$out"
echo "saved $out ($(wd GET "/session/$session/url" | jq -r .value))"
wd DELETE "/session/$session" >/dev/null
