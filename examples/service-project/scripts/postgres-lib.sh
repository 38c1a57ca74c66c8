# Helpers shared by postgres-start and postgres-stop (sourced, not run): where PostgreSQL's server
# programs are, and how to run them as a user the server accepts.

# The folder holding initdb, pg_ctl and postgres. Debian keeps them off PATH, in
# /usr/lib/postgresql/<version>/bin: PG_BINDIR wins, then `pg_config --bindir`, then the newest
# such folder, then whatever PATH has.
pg_bindir() {
  local dir
  if [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/pg_ctl" ]; then
    echo "$PG_BINDIR"
    return
  fi
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return
    fi
  fi
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ]; then
    echo "$dir"
    return
  fi
  if command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  echo "$0: PostgreSQL's server programs (initdb, pg_ctl) were not found: install PostgreSQL" \
    "(Debian: apt-get install postgresql) or set PG_BINDIR" >&2
  return 1
}

# The user the server runs as. PostgreSQL refuses to run as root, so root runs it as
# PG_SERVER_USER (default: postgres, which Debian's package creates); anyone else as themselves.
pg_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    echo "${PG_SERVER_USER:-postgres}"
  else
    id -un
  fi
}

# Run a command as the server's user. runuser (util-linux) lives in sbin, which a root shell's PATH
# does not always hold.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    PATH="$PATH:/usr/sbin:/sbin" runuser -u "$(pg_server_user)" -- "$@"
  else
    "$@"
  fi
}

# The name of the file that marks a folder as one postgres-start made, so that postgres-stop
# deletes nothing else whatever its environment says.
pg_marker=.ptest-postgres-example
