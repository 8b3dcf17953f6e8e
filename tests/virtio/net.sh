# shellcheck shell=bash disable=SC2154,SC2034  # variables and functions come from run.sh
# virtio tier, network and console cases (sourced by tests/virtio/run.sh, which provides
# polyhart, kernel, initrd, log_dir, scale, report, run_cli, expect_error, guest_verdict).
#
#   net-cli         bad -netdev/-nic/-chardev/-device options: exit 1 with one line each
#   net-port-in-use a hostfwd on a host port already taken: exit 1 naming the port
#   net             1 hart, -netdev user with hostfwd + virtio-net-device: DHCP (10.0.2.15,
#                   DNS 10.0.2.3), a 4 MiB download from a host HTTP server on 127.0.0.1
#                   checked by sha256, DNS through slirp's forwarder (the guest must get the
#                   answer the host's resolver gives for 'localhost': NXDOMAIN or an address;
#                   SKIP: virtio/net-dns when the host's resolver does not answer at all), and
#                   the host reaching a guest server through hostfwd
#   hvc             -chardev socket (Unix) + virtio-serial-device + virtconsole: the host sends
#                   a line to hvc0 and reads the guest's answer
#   net-reboot      a lease and a checked download, a board reset while the card is in use,
#                   then both again (exactly one POLYHART-REBOOTING)
#   net-par         4 harts, -nic user: 4 downloads at once while the guest writes 300 lines
#                   to hvc0 (-chardev file); every checksum right, every line in the file

NET_CASES=(net-cli net-port-in-use net hvc net-reboot net-par)
NET_BLOB_MIB=4
net_helper=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/nethelper.py
net_srv_pid=

# Starts the HTTP server once (a 4 MiB random file in the log directory); sets net_url and
# net_sha.
net_server() {
    [ -n "$net_srv_pid" ] && return 0
    mkdir -p "$log_dir/www"
    head -c $((NET_BLOB_MIB << 20)) /dev/urandom > "$log_dir/www/blob"
    net_sha=$(sha256sum < "$log_dir/www/blob" | cut -d' ' -f1)
    rm -f "$log_dir/www.port"
    python3 "$net_helper" serve "$log_dir/www" "$log_dir/www.port" &
    net_srv_pid=$!
    for _ in $(seq 50); do [ -s "$log_dir/www.port" ] && break; sleep 0.1; done
    net_url="http://10.0.2.2:$(cat "$log_dir/www.port")/blob"
}

net_server_stop() {
    [ -n "$net_srv_pid" ] && kill "$net_srv_pid" 2>/dev/null && wait "$net_srv_pid" 2>/dev/null
    net_srv_pid=
}

# Starts polyhart in the background with SMP harts and kernel arguments ARGS; console to
# LOG.raw; sets bg_pid.
boot_bg() {
    local smp=$1 args=$2 log=$3 limit=$((BOOT_TIMEOUT * scale))
    shift 3
    timeout -k 5 "$limit" "$polyhart" -M virt -smp "$smp" -m 256M -bios default \
        -kernel "$kernel" -initrd "$initrd" -append "console=ttyS0 earlycon=sbi $args" \
        -nographic -d guest_errors "$@" < /dev/null > "$log.raw" 2>&1 &
    bg_pid=$!
}

# Waits for the background boot; sets boot_status and writes LOG without carriage returns.
boot_wait() {
    wait "$bg_pid"
    boot_status=$?
    tr -d '\r' < "$1.raw" > "$1"
}

# Waits until LOG.raw holds MARKER (false if the emulator exits or LIMIT seconds pass).
wait_marker() {
    local log=$1 marker=$2 limit=$(($3 * scale * 2)) t=0
    until grep -aq -- "$marker" "$log.raw"; do
        kill -0 "$bg_pid" 2>/dev/null || return 1
        t=$((t + 1))
        [ "$t" -le "$limit" ] || return 1
        sleep 0.5
    done
}

case_net_cli() {
    local ok=0 t
    t=(-M virt -kernel /dev/null)
    expect_error net-cli/netdev-type "unknown type 'tap'" -- "${t[@]}" -netdev tap,id=n0 || ok=1
    expect_error net-cli/netdev-no-id "id=ID is required" -- "${t[@]}" -netdev user || ok=1
    expect_error net-cli/netdev-prop "unknown property 'foo'" -- \
        "${t[@]}" -netdev user,id=n0,foo=1 || ok=1
    expect_error net-cli/netdev-hostfwd "invalid hostfwd" -- \
        "${t[@]}" -netdev user,id=n0,hostfwd=tcp:127.0.0.1:99999-:22 || ok=1
    expect_error net-cli/netdev-net "invalid net" -- "${t[@]}" -netdev user,id=n0,net=10.0.2 || ok=1
    expect_error net-cli/netdev-dup "duplicate id 'n0'" -- \
        "${t[@]}" -netdev user,id=n0 -netdev user,id=n0 || ok=1
    expect_error net-cli/netdev-unused "'n0' is not used by any device" -- \
        "${t[@]}" -netdev user,id=n0 || ok=1
    expect_error net-cli/net-no-netdev "netdev=ID is required" -- \
        "${t[@]}" -device virtio-net-device || ok=1
    expect_error net-cli/net-unknown-netdev "no -netdev with id 'zz'" -- \
        "${t[@]}" -device virtio-net-device,netdev=zz || ok=1
    expect_error net-cli/net-shared-netdev "already used by another device" -- "${t[@]}" \
        -netdev user,id=n0 -device virtio-net-device,netdev=n0 \
        -device virtio-net-device,netdev=n0 || ok=1
    expect_error net-cli/net-mac "invalid mac" -- "${t[@]}" -netdev user,id=n0 \
        -device virtio-net-device,netdev=n0,mac=01:00:5e:00:00:01 || ok=1
    expect_error net-cli/nic-model "unsupported model 'e1000'" -- \
        "${t[@]}" -nic user,model=e1000 || ok=1
    expect_error net-cli/chardev-type "unknown type 'pty'" -- "${t[@]}" -chardev pty,id=c0 || ok=1
    expect_error net-cli/chardev-client "only server=on" -- \
        "${t[@]}" -chardev socket,id=c0,path=/tmp/x || ok=1
    expect_error net-cli/chardev-wait "only wait=off" -- \
        "${t[@]}" -chardev socket,id=c0,path=/tmp/x,server=on || ok=1
    expect_error net-cli/chardev-unused "'c0' is not used by any device" -- \
        "${t[@]}" -chardev null,id=c0 || ok=1
    expect_error net-cli/virtconsole-alone "needs a -device virtio-serial-device" -- \
        "${t[@]}" -chardev null,id=c0 -device virtconsole,chardev=c0 || ok=1
    expect_error net-cli/chardev-file "cannot open /nonexistent/x" -- "${t[@]}" \
        -chardev file,id=c0,path=/nonexistent/x -device virtio-console-device,chardev=c0 || ok=1
    return $ok
}

case_net_port_in_use() {
    local port pid why
    rm -f "$log_dir/busy.port"
    python3 "$net_helper" sink "$log_dir/busy.port" > /dev/null &
    pid=$!
    for _ in $(seq 50); do [ -s "$log_dir/busy.port" ] && break; sleep 0.1; done
    port=$(cat "$log_dir/busy.port")
    expect_error net-port-in-use "hostfwd tcp:127.0.0.1:$port-:80" \
        "cannot listen on host port $port" -- -M virt -kernel /dev/null \
        -netdev "user,id=n0,hostfwd=tcp:127.0.0.1:$port-:80" -device virtio-net-device,netdev=n0
    why=$?
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return $why
}

case_net() {
    local log=$log_dir/net.log fport dns dnsargs="" why fwd_out
    net_server
    fport=$(python3 "$net_helper" freeport)
    dns=$(python3 "$net_helper" dns localhost)
    [ "$dns" = none ] || dnsargs="polyhart.net.dns=localhost polyhart.net.dnsexpect=$dns"
    boot_bg 1 "polyhart.test=net polyhart.net.url=$net_url polyhart.net.sha=$net_sha \
polyhart.net.fwd=8080 $dnsargs" "$log" \
        -netdev "user,id=n0,hostfwd=tcp:127.0.0.1:$fport-:8080" -device virtio-net-device,netdev=n0
    why=
    if wait_marker "$log" "POLYHART-NET-FWD-READY" 120; then
        fwd_out=$(timeout $((90 * scale)) python3 "$net_helper" fwd "$fport" 2>&1) \
            || why="host side of hostfwd: $fwd_out"
    fi
    boot_wait "$log"
    why="${why:+$why; }$(guest_verdict net "$log")"
    why=${why%; }
    report net "$why" "$log" || return 1
    [ -n "$dnsargs" ] || echo "SKIP: virtio/net-dns (the host's resolver does not answer)"
    return 0
}

case_hvc() {
    local log=$log_dir/hvc.log sock=$log_dir/hvc.sock why="" out
    boot_bg 1 "polyhart.test=hvc" "$log" -chardev "socket,id=c0,path=$sock,server=on,wait=off" \
        -device virtio-serial-device -device virtconsole,chardev=c0
    if wait_marker "$log" "POLYHART-HVC-READY" 120; then
        out=$(timeout $((60 * scale)) python3 "$net_helper" hvc "$sock" 2>&1) || why="host: $out"
    fi
    boot_wait "$log"
    why="${why:+$why; }$(guest_verdict hvc "$log")"
    why=${why%; }
    [ -e "$sock" ] && why="${why:+$why; }$sock left behind"
    report hvc "$why" "$log"
}

case_net_par() {
    local log=$log_dir/net-par.log out=$log_dir/hvc-par.txt lines=300 why got
    net_server
    boot_bg 4 "polyhart.test=net-par polyhart.net.url=$net_url polyhart.net.sha=$net_sha \
polyhart.net.jobs=4 polyhart.hvc.lines=$lines" "$log" -nic user \
        -chardev "file,id=c0,path=$out" -device virtio-console-device,chardev=c0
    boot_wait "$log"
    why=$(guest_verdict net-par "$log")
    got=$(tr -d '\r' < "$out" 2>/dev/null | grep -c '^hvc-line ')
    if ! seq -f 'hvc-line %g' 1 "$lines" | cmp -s - <(tr -d '\r' < "$out" 2>/dev/null); then
        why="${why:+$why; }hvc0 file has $got of $lines lines or they are out of order"
    fi
    report net-par "$why" "$log"
}

# need_image, and an image whose /init has these tests.
need_net_image() {
    need_image "$1" || return 1
    if ! zcat "$initrd" | grep -aq 'test_net_par'; then
        report "$1" "guest image in $image_dir predates the network tests: run guest/build.sh"
        return 1
    fi
}

case_net_reboot() {
    local log=$log_dir/net-reboot.log why reboots
    net_server
    boot_bg 1 "polyhart.test=net-reboot polyhart.net.url=$net_url polyhart.net.sha=$net_sha" \
        "$log" -netdev user,id=n0 -device virtio-net-device,netdev=n0
    boot_wait "$log"
    why=$(guest_verdict net-reboot "$log")
    reboots=$(grep -ac '^POLYHART-REBOOTING' "$log")
    [ "$reboots" -eq 1 ] || why="${why:+$why; }$reboots reboots, expected 1"
    report net-reboot "$why" "$log"
}

net_case_run() {
    case $1 in
        net-cli) case_net_cli ;;
        net-port-in-use) case_net_port_in_use ;;
        net) need_net_image "$1" && case_net ;;
        hvc) need_net_image "$1" && case_hvc ;;
        net-reboot) need_net_image "$1" && case_net_reboot ;;
        net-par) need_net_image "$1" && case_net_par ;;
        *) return 2 ;;
    esac
}
