#!/bin/sh
# Renders the HTML page of `recouvre suivi` in headless Chromium at a desktop and a phone width,
# to look at it as a person would. Skips (exit 0) when chromium is absent.
#   scripts/suivi-captures.sh [DOSSIER_DES_CAS] [SORTIE]      (defaults: samples, target/suivi-captures)
set -eu
cases=${1:-samples}
out=${2:-target/suivi-captures}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "chromium absent : captures non faites (apt-get install chromium)"
    exit 0
fi
mkdir -p "$out"
bin=${RECOUVRE:-target/debug/recouvre}
[ -x "$bin" ] || cargo build --quiet
"$bin" suivi "$cases" --au "${AU:-2026-12-02}" --format html -o "$out/suivi.html" || [ $? -eq 2 ]
page="file://$(cd "$out" && pwd)/suivi.html"
for size in 1280,1600:bureau 390,1800:telephone; do
    dims=${size%%:*}
    name=${size##*:}
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --window-size="$dims" --screenshot="$out/suivi-$name.png" "$page" 2>/dev/null
    echo "$out/suivi-$name.png"
done
