#!/usr/bin/env bash
# Makes the QEMU test guest from Debian packages: a kernel (linux-image-amd64),
# an initramfs with busybox, dropbear, OpenSSH's scp and sftp-server and the
# e1000/virtio modules, wrapped into a GRUB ISO whose menu waits forever, so a
# build must type its boot_command over VNC.
#
#   test/env/make-guest.sh OUT_DIR
#
# The GRUB command line knows `kiln_boot ARGS...` (linux + initrd + boot).
# OUT_DIR receives kiln-guest.iso, its sha256 (kiln-guest.iso.sha256), the
# kernel and initrd, id_ed25519 (the root login key), root-password (root's
# password, for password logins: a string that appears nowhere else, since a
# build masks it wherever it occurs in its output) and make-guest.sha256 (this
# script's hash, so that up.sh knows when to build again). Files are replaced
# by rename, so that a VM or build already using the old ones is not
# disturbed. The guest's init, on a kernel command line holding
# kiln_http=IP:PORT, fetches http://IP:PORT/kiln-http.txt into /run/kiln-http
# and appends http://IP:PORT/authorized_keys to root's keys when served.
# Needs: apt-get (download only), busybox-static, dropbear-bin, openssh-client,
# openssh-sftp-server, grub-pc-bin, xorriso, mtools, cpio.
set -euo pipefail

OUT="${1:?usage: make-guest.sh OUT_DIR}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
ROOT_PASSWORD='gst-root-5c2e91a7'
WORK="$(mktemp -d "$OUT/work.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

for f in /bin/busybox /usr/sbin/dropbear /usr/bin/dropbearkey /usr/bin/scp /usr/lib/openssh/sftp-server \
  /usr/bin/grub-mkrescue /usr/bin/xorriso /usr/bin/mformat /usr/bin/cpio; do
  [[ -e "$f" ]] || {
    echo "make-guest: $f is missing (see test/env/up.sh packages)" >&2
    exit 1
  }
done

# The kernel package (linux-image-amd64 depends on the versioned one).
kpkg="$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')"
[[ -n "$kpkg" ]] || {
  echo "make-guest: cannot resolve linux-image-amd64 (apt-get update?)" >&2
  exit 1
}
deb="$(ls "$OUT"/"$kpkg"_*.deb 2>/dev/null | head -1 || true)"
if [[ -z "$deb" ]]; then
  (cd "$OUT" && apt-get download "$kpkg")
  deb="$(ls "$OUT"/"$kpkg"_*.deb | head -1)"
fi
dpkg -x "$deb" "$WORK/kernel"
kver="$(ls "$WORK/kernel/lib/modules" | head -1)"
cp "$WORK/kernel/boot/vmlinuz-$kver" "$WORK/vmlinuz"

ROOT="$WORK/root"
mkdir -p "$ROOT"/{bin,sbin,usr/bin,usr/sbin,usr/lib/openssh,usr/libexec,etc/dropbear,root/.ssh,proc,sys,dev,run,tmp,lib/modules}
cp /bin/busybox "$ROOT/bin/busybox"
for applet in $(/bin/busybox --list-full); do
  [[ -e "$ROOT/$applet" ]] || ln -s /bin/busybox "$ROOT/$applet"
done

# Binaries and their shared libraries.
copy_with_libs() {
  local bin="$1" dest="$2" lib
  mkdir -p "$ROOT$(dirname "$dest")"
  cp "$bin" "$ROOT$dest"
  for lib in $(ldd "$bin" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}'); do
    [[ -e "$ROOT$lib" ]] && continue
    mkdir -p "$ROOT$(dirname "$lib")"
    cp -L "$lib" "$ROOT$lib"
  done
}
copy_with_libs /usr/sbin/dropbear /usr/sbin/dropbear
copy_with_libs /usr/bin/scp /usr/bin/scp
copy_with_libs /usr/lib/openssh/sftp-server /usr/lib/openssh/sftp-server
ln -sf /usr/lib/openssh/sftp-server "$ROOT/usr/libexec/sftp-server"
ln -sf /usr/lib/openssh/sftp-server "$ROOT/usr/lib/sftp-server"

# Kernel modules, in dependency order (each module's .modinfo names its needs;
# the package has no modules.dep, depmod runs at install time).
MODS=(e1000 virtio_pci virtio_blk virtio_net)
kmod="$WORK/kernel/lib/modules/$kver"
declare -A PATH_OF=() SEEN=()
while IFS= read -r f; do
  n="$(basename "$f")"
  n="${n%%.ko*}"
  PATH_OF[${n//-/_}]="$f"
done < <(find "$kmod/kernel" -name '*.ko*')
ORDER=()
add_module() {
  local name="$1" file dep
  [[ -n "${SEEN[$name]:-}" ]] && return 0
  SEEN[$name]=1
  file="${PATH_OF[$name]:-}"
  [[ -n "$file" ]] || return 0 # built into the kernel
  for dep in $(decompress "$file" | grep -ao 'depends=[^[:cntrl:]]*' | head -1 | cut -d= -f2 | tr ',' ' '); do
    add_module "${dep//-/_}"
  done
  ORDER+=("$name")
}
decompress() {
  case "$1" in
    *.ko.xz) xz -dc "$1" ;;
    *.ko.zst) zstd -qdc "$1" ;;
    *) cat "$1" ;;
  esac
}
for m in "${MODS[@]}"; do add_module "$m"; done
for name in "${ORDER[@]}"; do
  decompress "${PATH_OF[$name]}" >"$ROOT/lib/modules/$name.ko"
  echo "$name.ko" >>"$ROOT/lib/modules/order"
done

# Accounts, keys.
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$ROOT/etc/passwd"
printf 'root:x:0:\n' >"$ROOT/etc/group"
printf '/bin/sh\n' >"$ROOT/etc/shells"
hash="$(openssl passwd -6 "$ROOT_PASSWORD" 2>/dev/null ||
  python3 -c 'import crypt, sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_SHA512)))' "$ROOT_PASSWORD")"
printf 'root:%s:19000:0:99999:7:::\n' "$hash" >"$ROOT/etc/shadow"
chmod 600 "$ROOT/etc/shadow"
[[ -f "$OUT/id_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -C kiln-guest -f "$OUT/id_ed25519"
cp "$OUT/id_ed25519.pub" "$ROOT/root/.ssh/authorized_keys"
chmod 700 "$ROOT/root" "$ROOT/root/.ssh"
chmod 600 "$ROOT/root/.ssh/authorized_keys"
dropbearkey -t ed25519 -f "$ROOT/etc/dropbear/dropbear_ed25519_host_key" >/dev/null
# An RSA host key too: clients that negotiate ssh-rsa first (Packer 1.6's Go
# client) make a dropbear without one fail an assertion.
dropbearkey -t rsa -s 2048 -f "$ROOT/etc/dropbear/dropbear_rsa_host_key" >/dev/null

cat >"$ROOT/init" <<'INIT'
#!/bin/sh
export PATH=/sbin:/bin:/usr/sbin:/usr/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mkdir -p /dev/pts
mount -t devpts devpts /dev/pts
mount -t tmpfs run /run
echo "kiln-guest: init"
for m in $(cat /lib/modules/order); do insmod /lib/modules/$m 2>/dev/null; done
ip link set lo up
ip link set eth0 up
ip addr add 10.0.2.15/24 dev eth0
ip route add default via 10.0.2.2
echo "kiln-guest: network up"
for word in $(cat /proc/cmdline); do
  case "$word" in kiln_http=*) KILN_HTTP="${word#kiln_http=}" ;; esac
done
if [ -n "$KILN_HTTP" ]; then
  i=0
  until wget -q -O /run/kiln-http "http://$KILN_HTTP/kiln-http.txt" || [ $i -ge 10 ]; do
    i=$((i + 1))
    sleep 1
  done
  wget -q -O /run/authorized_keys "http://$KILN_HTTP/authorized_keys" &&
    cat /run/authorized_keys >>/root/.ssh/authorized_keys
fi
dropbear -r /etc/dropbear/dropbear_ed25519_host_key -r /etc/dropbear/dropbear_rsa_host_key -p 22 -B -E 2>/dev/console
echo "kiln-guest: ssh up"
trap 'sync; poweroff -f' USR2 TERM USR1
while :; do
  sleep 1 &
  wait $!
done
INIT
chmod 755 "$ROOT/init"
(cd "$ROOT" && find . | cpio -o -H newc --quiet | gzip -1) >"$WORK/initrd.img"

# The ISO: GRUB with a menu that waits forever; boot_command types the rest.
ISO="$WORK/iso"
mkdir -p "$ISO/boot/grub"
cp "$WORK/vmlinuz" "$ISO/vmlinuz"
cp "$WORK/initrd.img" "$ISO/initrd.img"
cat >"$ISO/boot/grub/grub.cfg" <<'CFG'
set timeout=-1
# Typing "linux ..." then "initrd ..." needs a <wait> after each: GRUB reads
# the files through the BIOS and drops keys typed meanwhile. kiln_boot ARGS
# does all three in one typed line.
function kiln_boot {
  linux /vmlinuz console=ttyS0 quiet $1 $2 $3 $4
  initrd /initrd.img
  boot
}
menuentry "kiln test guest (type the boot command)" {
  linux /vmlinuz console=ttyS0 quiet
  initrd /initrd.img
}
CFG
grub-mkrescue -o "$WORK/kiln-guest.iso" "$ISO" >"$WORK/grub.log" 2>&1 || {
  cat "$WORK/grub.log" >&2
  exit 1
}
(cd "$WORK" && sha256sum kiln-guest.iso >kiln-guest.iso.sha256)
printf '%s\n' "$ROOT_PASSWORD" >"$WORK/root-password"
sha256sum <"$0" | cut -d' ' -f1 >"$WORK/make-guest.sha256"
for f in vmlinuz initrd.img kiln-guest.iso kiln-guest.iso.sha256 root-password make-guest.sha256; do
  mv -f "$WORK/$f" "$OUT/$f"
done
echo "make-guest: $OUT/kiln-guest.iso (kernel $kver, modules: ${ORDER[*]})"
