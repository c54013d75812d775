#!/bin/sh
# memcheck.sh - runs kg (or any program) under valgrind for the `memcheck`
# ctest label (tests/sanitizers/CMakeLists.txt, -DKG_MEMCHECK=ON).
#
#   memcheck.sh run COMMAND...       runs COMMAND (a CLI case, the graphs
#                                    check) and fails if any program it ran
#                                    under valgrind reported an error
#   memcheck.sh exec PROGRAM ARG...  runs PROGRAM under valgrind
#   memcheck.sh ARG...               runs $KG_MEMCHECK_PROGRAM under valgrind
#                                    (for callers that take one executable)
#
# Valgrind writes to one log file per process instead of stderr, so cases
# that compare stderr are unaffected, and an error is caught even when the
# case's script ignores kg's exit status (`kg ...; echo "status=$?"`).
set -u
here=$(cd "$(dirname "$0")" && pwd)

under_valgrind() {
    : "${KG_MEMCHECK_LOGDIR:?memcheck.sh: run it through 'memcheck.sh run'}"
    exec "${VALGRIND:-valgrind}" -q --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite --show-leak-kinds=definite --num-callers=50 \
        --suppressions="$here/valgrind.supp" --log-file="$KG_MEMCHECK_LOGDIR/vg.%p" "$@"
}

case "${1:-}" in
run)
    shift
    KG_MEMCHECK_LOGDIR=$(mktemp -d "${TMPDIR:-/tmp}/kg-memcheck.XXXXXX") || exit 1
    export KG_MEMCHECK_LOGDIR
    export KG_CLI_WRAPPER="$here/memcheck.sh exec"
    "$@"
    rc=$?
    for log in "$KG_MEMCHECK_LOGDIR"/vg.*; do
        if [ -s "$log" ]; then
            echo "memcheck: valgrind reported errors:" >&2
            cat "$log" >&2
            rc=1
        fi
    done
    rm -rf "$KG_MEMCHECK_LOGDIR"
    exit $rc
    ;;
exec)
    shift
    under_valgrind "$@"
    ;;
*)
    : "${KG_MEMCHECK_PROGRAM:?memcheck.sh: set KG_MEMCHECK_PROGRAM or use run/exec}"
    under_valgrind "$KG_MEMCHECK_PROGRAM" "$@"
    ;;
esac
