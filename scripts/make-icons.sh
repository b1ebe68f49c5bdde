#!/usr/bin/env bash
# Regenerate the app icons in assets/ from assets/icon.svg (needs librsvg2-bin, icnsutils and
# imagemagick on Debian). The results are committed; the build does not run this.
set -euo pipefail
cd "$(dirname "$0")/../assets"
mkdir -p icons
for size in 16 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "icons/${size}x${size}.png"
done
cp icons/1024x1024.png icon.png
png2icns icon.icns icons/16x16.png icons/32x32.png icons/128x128.png icons/256x256.png icons/512x512.png icons/1024x1024.png >/dev/null
convert icons/16x16.png icons/32x32.png icons/48x48.png icons/64x64.png icons/128x128.png icons/256x256.png icon.ico
