#!/usr/bin/env bash
# Tries the attacks of issue #12 against a running Vaani and prints the status line each one got.
#   scripts/security-check.sh [BASE_URL]   (default http://127.0.0.1:8080; secrets read from VAANI_DATA_DIR, default ./data)
# Expected: 400/401/413/415 for every attack, 200/101 only for the requests that carry the right key or secret, and
# 429 for the right key after 10 wrong ones (the last check: it locks this address out for 5 minutes).
set -u
D=${VAANI_DATA_DIR:-data}; B=${1:-http://127.0.0.1:8080}
BIG=$(mktemp); HUGE=$(mktemp); trap 'rm -f "$BIG" "$HUGE"' EXIT
K=$(cat $D/admin-api-key); H=$(cat $D/exotel-webhook-secret); M=$(cat $D/media-secret)
t(){ local label="$1"; shift; local out; out=$(curl -s -i --path-as-is --max-time 20 -H 'Expect:' "$@" 2>/dev/null | head -1 | tr -d '\r'); printf '%-58s %s\n' "$label" "${out:-no answer}"; }
UP=(-H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==')
echo "== path tricks on the admin API (no key)"
t "GET /%61pi/calls"                 $B/%61pi/calls
t "GET /api;x=1/leads"               "$B/api;x=1/leads"
t "GET //api/calls"                  $B//api/calls
t "GET /api/./calls"                 $B/api/./calls
t "GET /x/../api/calls"              $B/x/../api/calls
t "GET /API/calls"                   $B/API/calls
t "GET /api/calls/"                  $B/api/calls/
t "GET /api%2Fcalls"                 $B/api%2Fcalls
t "GET /api/leads (no key)"          $B/api/leads
t "GET /api/leads (wrong key)"       -H 'X-API-Key: nope' $B/api/leads
t "GET /api/leads (key)"             -H "X-API-Key: $K" $B/api/leads
echo "== actuator, docs"
t "GET /actuator/prometheus"         $B/actuator/prometheus
t "GET /actuator/metrics"            $B/actuator/metrics
t "GET /actuator/health/db"          $B/actuator/health/db
t "GET /v3/api-docs"                 $B/v3/api-docs
t "GET /swagger-ui/index.html"       $B/swagger-ui/index.html
t "GET /actuator/health/liveness"    $B/actuator/health/liveness
t "GET /actuator/health/readiness"   $B/actuator/health/readiness
printf '%-58s %s\n' "GET /actuator/health (no key) body" "$(curl -s $B/actuator/health)"
printf '%-58s %s\n' "GET /actuator/health (key) components" "$(curl -s -H "X-API-Key: $K" $B/actuator/health | grep -o '"components":{"[a-zA-Z]*"')"
echo "== status webhook and voicebot URL"
J=(-H 'Content-Type: application/json' -d '{"CallSid":"attack1","Status":"completed"}')
t "POST webhook, no secret"          -X POST "${J[@]}" $B/webhooks/exotel/call-status
t "POST webhook, ?secret=wrong"      -X POST "${J[@]}" "$B/webhooks/exotel/call-status?secret=wrong"
t "POST webhook, ?secret=%zz"        -X POST "${J[@]}" "$B/webhooks/exotel/call-status?secret=%zz"
t "POST webhook, Basic !!!"          -X POST "${J[@]}" -H 'Authorization: Basic !!!' $B/webhooks/exotel/call-status
t "POST webhook, right secret"       -X POST "${J[@]}" "$B/webhooks/exotel/call-status?secret=$H"
t "POST webhook, right secret, text/plain" -X POST -H 'Content-Type: text/plain' -d x "$B/webhooks/exotel/call-status?secret=$H"
head -c 70000 /dev/zero | tr '\0' a | sed 's/^/{"CallSid":"/; s/$/"}/' > "$BIG"
t "POST webhook, right secret, 70 KB"  -X POST -H 'Content-Type: application/json' --data-binary @"$BIG" "$B/webhooks/exotel/call-status?secret=$H"
t "POST webhook, right secret, 70 KB chunked" -X POST -H 'Content-Type: application/json' -H 'Transfer-Encoding: chunked' --data-binary @"$BIG" "$B/webhooks/exotel/call-status?secret=$H"
t "GET voicebot-url, no secret"      "$B/exotel/voicebot-url?CallSid=abc"
t "GET voicebot-url, ?secret=%zz"    "$B/exotel/voicebot-url?secret=%zz"
t "GET voicebot-url, right secret"   "$B/exotel/voicebot-url?secret=$H&CallSid=abc"
t "GET voicebot-url, right secret, CustomField=%zz" "$B/exotel/voicebot-url?secret=$H&CustomField=%zz"
t "GET transfer-check, right secret, CallSid=%zz" "$B/webhooks/exotel/transfer-check?secret=$H&CallSid=%zz"
echo "== media stream"
t "WS /media, no token"              "${UP[@]}" $B/media
t "WS /media, ?token=wrong"          "${UP[@]}" "$B/media?token=wrong"
t "WS /media, ?token=%zz"            "${UP[@]}" "$B/media?token=%zz"
t "WS /media, right token"           -m 3 "${UP[@]}" "$B/media?token=$M"
t "WS /media, right token, &x=%zz"   "${UP[@]}" "$B/media?token=$M&x=%zz"
echo "== lead import"
head -c 11000000 /dev/zero | tr '\0' a > "$HUGE"
t "POST import 11 MB (key)"          -X POST -H "X-API-Key: $K" -H 'Content-Type: text/csv' --data-binary @"$HUGE" $B/api/leads/import
t "POST import as XML (key)"         -X POST -H "X-API-Key: $K" -H 'Content-Type: application/xml' -d '<a/>' $B/api/leads/import
t "GET /login?error=%zz"             "$B/login?error=%zz"
t "GET / (nothing else is open)"     $B/
printf '%-58s %s\n' "GET / with Host: evil.example, Location" "$(curl -s -D- -o /dev/null -H 'Host: evil.example' $B/ | grep -i '^location' | tr -d '\r')"
printf '%-58s %s\n' "GET /login via a TLS proxy, cookie" "$(curl -s -D- -o /dev/null -H 'X-Forwarded-Proto: https' $B/login | grep -i '^set-cookie' | tr -d '\r')"
echo "== guessing the admin key"
for i in $(seq 1 10); do curl -s -o /dev/null -H "X-API-Key: guess-$i" $B/api/leads; done
t "GET /api/leads (key) after 10 wrong keys" -H "X-API-Key: $K" $B/api/leads
