# Python environments for Assay's Python parts, sourced by ./assay.
#
# Each folder envs/<name>/ holds requirements.in (what we ask for) and requirements.lock (every package
# pinned with its hashes, compiled by `./assay lock <name>`), and optionally test-paths (pytest folders,
# one per line, relative to the project root). An environment is created once per lock file, outside the
# work tree, in $ASSAY_CACHE_DIR (default ~/.cache/assay), so a fresh clone and CI reuse it.

ASSAY_CACHE="${ASSAY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/assay}"
UV_VERSION=0.13.9
export UV_PYTHON_DOWNLOADS=never UV_NO_PROGRESS=1

envs_python() {
  command -v python3.11 || { echo "assay: Python 3.11 is needed for the Python environments" >&2; return 2; }
}

# uv itself, from PyPI, in its own small virtual environment.
assay_uv() {
  local boot="$ASSAY_CACHE/uv-$UV_VERSION"
  if [ ! -x "$boot/bin/uv" ]; then
    mkdir -p "$ASSAY_CACHE"
    (
      flock 9
      if [ ! -x "$boot/bin/uv" ]; then
        echo "assay: installing uv $UV_VERSION into $boot..." >&2
        rm -rf "$boot" && "$(envs_python)" -m venv "$boot" >&2 && "$boot/bin/pip" install -q "uv==$UV_VERSION" >&2
      fi
    ) 9>"$ASSAY_CACHE/uv.lock-file"
  fi
  echo "$boot/bin/uv"
}

# Prints the folder of environment NAME, creating it first if its lock file has not been installed yet.
python_env() {
  local name="$1" spec="$ROOT/envs/$1/requirements.lock"
  [ -f "$spec" ] || { echo "assay: no Python environment '$name' (expected $spec)" >&2; return 2; }
  local py key dir
  py="$(envs_python)"
  key="$( (cat "$spec"; "$py" --version) | sha256sum | cut -c1-16)"
  dir="$ASSAY_CACHE/envs/$name-$key"
  if [ ! -f "$dir/.assay-complete" ]; then
    local uv
    uv="$(assay_uv)"
    mkdir -p "$ASSAY_CACHE/envs"
    (
      flock 9
      if [ ! -f "$dir/.assay-complete" ]; then
        echo "assay: creating the '$name' Python environment from envs/$name/requirements.lock (once per lock file)..." >&2
        rm -rf "$dir"
        "$uv" venv -q --python "$py" "$dir" >&2
        "$uv" pip sync -q --require-hashes --python "$dir/bin/python" "$spec" >&2
        touch "$dir/.assay-complete"
      fi
    ) 9>"$ASSAY_CACHE/envs/$name.lock-file"
  fi
  echo "$dir"
}

# Re-resolves envs/NAME/requirements.in into requirements.lock (a developer's step; commit the result).
lock_python_env() {
  local name="$1" uv
  uv="$(assay_uv)"
  (cd "$ROOT/envs/$name" && "$uv" pip compile -q requirements.in --generate-hashes --python-version 3.11 \
    --no-header -o requirements.lock)
  echo "assay: envs/$name/requirements.lock written" >&2
}

# Runs the pytest suites of every environment that lists test-paths (or only NAME's), extra args to pytest.
# One after another, each into its own log, printed whole as it ends. ASSAY_TEST_SUITES_AT_ONCE=1 runs
# them all at once: beside cli's ITs that overloaded 2 cores (load 11, a crash IT's child starved).
run_python_tests() {
  local only="${1:-}" paths_file name logs pid i status=0
  shift || true
  logs="$(mktemp -d "${TMPDIR:-/tmp}/assay-pytest.XXXXXX")"
  local -a names=() pids=()
  for paths_file in "$ROOT"/envs/*/test-paths; do
    [ -f "$paths_file" ] || continue
    name="$(basename "$(dirname "$paths_file")")"
    [ -z "$only" ] || [ "$only" = "$name" ] || continue
    python_env "$name" >/dev/null  # created one at a time, before any suite starts
    run_python_suite "$name" "$paths_file" "$@" >"$logs/$name.log" 2>&1 &
    names+=("$name") pids+=($!)
    [ -n "${ASSAY_TEST_SUITES_AT_ONCE:-}" ] || wait "$!" || true  # at once overloads 2 cores
  done
  for i in "${!pids[@]}"; do
    pid="${pids[$i]}"
    wait "$pid" || status=1
    cat "$logs/${names[$i]}.log"
  done
  rm -rf "$logs"
  return $status
}

run_python_suite() {
  local name="$1" paths_file="$2" dir line started
  shift 2
  dir="$(python_env "$name")"
  local -a paths=()
  while read -r line; do
    [ -z "$line" ] || [ "${line#\#}" != "$line" ] || paths+=("$ROOT/$line")
  done <"$paths_file"
  started=$SECONDS
  echo "assay: pytest in the '$name' environment: ${paths[*]#"$ROOT/"}"
  local status=0
  (cd "$ROOT" && "$dir/bin/python" -m pytest -p no:cacheprovider "${paths[@]}" "$@") || status=$?
  echo "assay: the '$name' suite took $((SECONDS - started)) s (exit $status)"
  return $status
}
