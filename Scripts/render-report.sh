#!/usr/bin/env bash
# Renders a snapshot's report.html with headless Chromium, to look at it as a reader would.
#
#   Scripts/render-report.sh SNAPSHOT_FOLDER OUT.png
#
# Writes OUT.png (desktop, 1280 × 4000 px: the top of the page), and beside it OUT-full.png
# (desktop, the whole page), OUT-mobile.png (375 px wide, a phone) and OUT-320.png (320 px, the
# narrowest width WCAG 1.4.10 asks a page to reflow to). Chromium cannot size a screenshot to
# the page, so the full shots use a tall window; with ImageMagick the blank bottom is trimmed.
# Installs Debian's `chromium` package when it is missing (needs root). Chromium runs with
# networking off for the page: report.html must be self-contained.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 SNAPSHOT_FOLDER OUT.png" >&2
  exit 2
fi
snapshot=$1
out=$2
report="$snapshot/report.html"
if [[ ! -f "$report" ]]; then
  echo "error: $report does not exist (pass a snapshot folder, as 'loft run' prints it)" >&2
  exit 1
fi

browser=""
for candidate in chromium chromium-browser; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [[ -z "$browser" ]]; then
  echo "render-report: installing chromium (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium fonts-dejavu-core >&2
  browser=chromium
fi

report_url="file://$(cd "$(dirname "$report")" && pwd)/report.html"
base="${out%.png}"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# One screenshot at a window size. The page's height is unknown here, so the window is tall;
# what lies below the page is blank. A proxy that goes nowhere makes any network fetch fail,
# so a page that is not self-contained shows it.
shoot() {
  local width=$1 height=$2 file=$3
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$profile" --no-first-run --disable-extensions \
    --proxy-server="127.0.0.1:9" --proxy-bypass-list="<-loopback>" \
    --force-device-scale-factor=1 --window-size="$width,$height" \
    --screenshot="$file" "$report_url" >/dev/null 2>"$profile/stderr" || {
    cat "$profile/stderr" >&2
    return 1
  }
  echo "$file"
}

# Cuts the blank band below the page off a tall screenshot (ImageMagick, when installed).
# Debian's ImageMagick policy refuses images over 16 000 px high; a policy of our own, in the
# temporary folder, allows the tall screenshots (and nothing else changes).
trim_bottom() {
  local file=$1 geometry h y width bottom
  command -v identify >/dev/null 2>&1 || return 0
  identify -version 2>/dev/null | grep -q ImageMagick || return 0
  mkdir -p "$profile/magick"
  cat >"$profile/magick/policy.xml" <<'POLICY'
<policymap>
  <policy domain="resource" name="height" value="64KP"/>
  <policy domain="resource" name="area" value="1GP"/>
  <policy domain="resource" name="memory" value="1GiB"/>
  <policy domain="resource" name="map" value="2GiB"/>
</policymap>
POLICY
  export MAGICK_CONFIGURE_PATH="$profile/magick"
  # The bounding box of what is not background: the page ends at its Y + height.
  geometry=$(convert "$file" -trim -format '%h %Y %W' info: 2>/dev/null) || return 0
  read -r h y width <<<"${geometry//+/}"
  bottom=$((y + h + 24))
  convert "$file" -crop "${width}x${bottom}+0+0" +repage "$file"
}

shoot 1280 4000 "$out"
shoot 1280 16000 "$base-full.png" && trim_bottom "$base-full.png"
shoot 375 24000 "$base-mobile.png" && trim_bottom "$base-mobile.png"
shoot 320 26000 "$base-320.png" && trim_bottom "$base-320.png"
