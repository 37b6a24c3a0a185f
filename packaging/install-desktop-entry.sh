#!/bin/sh
# Adds KneeCare to the desktop's applications menu for this user: the launcher
# (kneecare.desktop, pointing at this folder) and the icon. Run it again after moving the
# folder; ./install-desktop-entry.sh --remove takes both away. Nothing is installed
# elsewhere, and the app itself runs without this (./kneecare).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
launcher="$data/applications/kneecare.desktop"
icon="$data/icons/hicolor/scalable/apps/kneecare.svg"
if [ "${1:-}" = "--remove" ]; then
  rm -f "$launcher" "$icon"
  echo "removed $launcher and $icon"
  exit 0
fi
mkdir -p "$(dirname "$launcher")" "$(dirname "$icon")"
cp "$here/kneecare.svg" "$icon"
# Exec points at this folder's program, quoted as the desktop entry specification asks (a
# path with spaces stays one word); TryExec is the plain path. Both are then escaped for sed.
for_sed() { printf '%s' "$1" | sed -e 's/[&|\\]/\\&/g'; }
exec_word=$(printf '%s' "$here/kneecare" | sed -e 's/[\\"`$]/\\&/g' -e 's/%/%%/g')
sed -e "s|^Exec=kneecare\$|Exec=\"$(for_sed "$exec_word")\"|" \
    -e "s|^TryExec=kneecare\$|TryExec=$(for_sed "$here/kneecare")|" \
  "$here/kneecare.desktop" > "$launcher"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
echo "installed $launcher and $icon"
