#!/usr/bin/env bash
# Packs a PyInstaller bundle of Hanoi Desk (build.spec) into a Debian package:
#
#   installers/linux/build-deb.sh BUNDLE_DIR [OUT_DIR]
#   e.g. installers/linux/build-deb.sh build/bundle/dist/hanoi-desk dist
#
# The bundle goes to /opt/hanoi-desk, /usr/bin/hanoi-desk and hanoi-desk-console
# link to it, the menu entry and icons go to the freedesktop paths (Debian's
# desktop-file-utils and hicolor-icon-theme triggers refresh their caches, so
# there are no maintainer scripts). Profiles live in each user's home and are
# never touched by the package: `hanoi-desk profile wipe` removes one.
#
# Needs only dpkg-deb (part of dpkg): no network, no root (dpkg-deb records
# root as the owner). DEB_COMPRESSION=gzip|xz|none (default xz) picks the
# compressor; the packaging test (and so CI) uses none, the fastest, since it
# only inspects the package; a release keeps xz, the smallest.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 BUNDLE_DIR [OUT_DIR]   (BUNDLE_DIR: <distpath>/hanoi-desk from build.spec)" >&2
  exit 2
fi
bundle="$(cd "$1" && pwd)"
out="${2:-$root/dist}"
if [ ! -x "$bundle/hanoi-desk" ] || [ ! -e "$bundle/hanoi-desk-console" ]; then
  echo "$0: $bundle is not a Hanoi Desk bundle (no hanoi-desk executable)" >&2
  exit 2
fi

# The bundle says its own version: the package cannot disagree with what it ships.
version="$("$bundle/hanoi-desk-console" --version | awk '{print $2}')"
arch="$(dpkg --print-architecture)"
# A PyInstaller bundle runs on the C library it was built with or a newer one.
glibc="$(dpkg-query -W -f='${Version}' libc6 | sed 's/-.*//')"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
pkg="$stage/hanoi-desk"
mkdir -p "$pkg/opt" "$pkg/usr/bin" "$pkg/usr/share/applications" "$pkg/usr/share/doc/hanoi-desk"
cp -a "$bundle" "$pkg/opt/hanoi-desk"
ln -s /opt/hanoi-desk/hanoi-desk "$pkg/usr/bin/hanoi-desk"
ln -s /opt/hanoi-desk/hanoi-desk-console "$pkg/usr/bin/hanoi-desk-console"
install -m 644 "$here/hanoi-desk.desktop" "$pkg/usr/share/applications/hanoi-desk.desktop"
for size in 48 128 256; do
  install -D -m 644 "$root/resources/icons/hanoi-desk-$size.png" \
    "$pkg/usr/share/icons/hicolor/${size}x${size}/apps/hanoi-desk.png"
done
install -m 644 "$here/copyright" "$pkg/usr/share/doc/hanoi-desk/copyright"
# Whatever the builder's umask was: directories 755, files 644, programs 755.
chmod -R u=rwX,go=rX "$pkg"

installed_kib="$(du -sk --apparent-size "$pkg" | cut -f1)"
mkdir -p "$pkg/DEBIAN"
cat >"$pkg/DEBIAN/control" <<CONTROL
Package: hanoi-desk
Version: $version
Architecture: $arch
Maintainer: Hanoi Desk <hanoi-desk@localhost>
Installed-Size: $installed_kib
Depends: libc6 (>= $glibc), libgl1, libegl1, libxcb1, libxkbcommon0, libfontconfig1, libdbus-1-3
Recommends: libwayland-client0, libwayland-cursor0, libwayland-egl1, opensc-pkcs11, pcscd
Suggests: softhsm2, opensc
Section: office
Priority: optional
Homepage: https://localhost/hanoi-desk
Description: paperless meetings and offline PDF signing with USB tokens
 Hanoi Desk keeps an encrypted local cache of meeting packs and documents,
 lets people read, search and annotate them offline, signs PDFs with
 hardware tokens through PKCS#11 (PAdES, Vietnamese signature appearance)
 and syncs with the central document server when a connection appears.
 .
 Run "hanoi-desk-console --self-test" to check an installation.
CONTROL

mkdir -p "$out"
deb="$out/hanoi-desk_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" --build "$pkg" "$deb" >/dev/null
echo "$deb"
