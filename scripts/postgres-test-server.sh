#!/usr/bin/env bash
# Starts (or reuses) a private PostgreSQL server for the tests and exports
# SLUICE_TEST_POSTGRES_URL. Sourced by setup.sh when SLUICE_SETUP_POSTGRES=1 (test.sh sets it).
#
# The cluster lives in $SLUICE_PG_DIR (default: under $TMPDIR, one per checkout and user), listens
# on 127.0.0.1 only, on a free port remembered in the cluster directory, with its unix socket
# there too. PostgreSQL refuses to run as root, so as root the server runs as the `postgres`
# user (Debian's package creates it). Authentication is `trust` on loopback except for the role
# sluice_secret (password "sluice-right"), which the bad-credentials tests use.

pg_bin=""
for dir in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent)")" /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then pg_bin="$dir"; break; fi
done
if [ -z "$pg_bin" ]; then
    echo "Installing: postgresql" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
    for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && pg_bin="$dir"; done
fi
[ -n "$pg_bin" ] || { echo "PostgreSQL's initdb not found after installing postgresql." >&2; return 1 2>/dev/null || exit 1; }

checkout_key="$(pwd | cksum | cut -d' ' -f1)"
pg_dir="${SLUICE_PG_DIR:-${TMPDIR:-/tmp}/sluice-pg-$(id -un)-$checkout_key}"
as_server=()
server_user="$(id -un)"
if [ "$(id -u)" -eq 0 ]; then
    server_user="postgres"
    as_server=(runuser -u postgres --)
fi

if [ ! -f "$pg_dir/data/PG_VERSION" ]; then
    mkdir -p "$pg_dir"
    [ "$(id -u)" -eq 0 ] && chown "$server_user" "$pg_dir"
    "${as_server[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U "$server_user" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    {
        echo "host all sluice_secret 127.0.0.1/32 scram-sha-256"
        echo "host all all 127.0.0.1/32 trust"
        echo "local all all trust"
    } >"$pg_dir/data/pg_hba.conf"
    [ "$(id -u)" -eq 0 ] && chown "$server_user" "$pg_dir/data/pg_hba.conf"
fi

if ! "${as_server[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" status >/dev/null 2>&1; then
    port=54329
    # A port nothing answers on (bash's /dev/tcp: a refused connect means free).
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    echo "$port" >"$pg_dir/port"
    "${as_server[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $port -k $pg_dir -c password_encryption=scram-sha-256" start >/dev/null
    psql_ok=0
    for _ in 1 2 3 4 5; do
        if psql -h 127.0.0.1 -p "$port" -U "$server_user" -d postgres -Atqc "select 1" >/dev/null 2>&1; then psql_ok=1; break; fi
        sleep 1
    done
    [ "$psql_ok" -eq 1 ] || { echo "PostgreSQL did not start: see $pg_dir/server.log" >&2; return 1 2>/dev/null || exit 1; }
fi
port="$(cat "$pg_dir/port")"
pg_psql=(psql -h 127.0.0.1 -p "$port" -U "$server_user" -Atq)
if [ "$("${pg_psql[@]}" -d postgres -c "select 1 from pg_database where datname = 'sluice_test'")" != "1" ]; then
    "${pg_psql[@]}" -d postgres -c "create database sluice_test" >/dev/null
fi
if [ "$("${pg_psql[@]}" -d postgres -c "select 1 from pg_roles where rolname = 'sluice_secret'")" != "1" ]; then
    "${pg_psql[@]}" -d postgres -c "create role sluice_secret login password 'sluice-right'" >/dev/null
fi
export SLUICE_TEST_POSTGRES_URL="postgres://$server_user@127.0.0.1:$port/sluice_test"
