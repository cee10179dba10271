#!/usr/bin/env bash
# Mutation testing of the money engine (src/claim) and of the plan (src/plan) with cargo-mutants,
# by groups of files, one output folder per group. Hours on two cores: never run by CI (.ci/run
# does not call it).
#
#   scripts/mutants.sh OUT GROUP…   groups: claim-core claim-rates claim-docs claim-title
#                                            claim-report claim-ratesfile claim-view plan
#
# Two tiers, so that a mutant costs one small build and a few seconds of tests:
#   1. every mutant of the group against the group's fast tests (the `it` tests that read that
#      code's results; no `--lib`, which would add a second build of the library per mutant):
#      OUT/GROUP/mutants.out/;
#   2. only the mutants tier 1 missed (or timed out on), again, against the whole suite
#      (`--lib --test it`): OUT/GROUP-wide/mutants.out/. Only a mutant missed there is missed.
# MUTANTS_TESTS='…' replaces a group's tier-1 selection; MUTANTS_WIDE=0 skips tier 2;
# MUTANTS_ARGS='--shard 0/20' (or any cargo-mutants option) is passed to both tiers.
#
# Run it in a disposable worktree with a warm target (it mutates the sources in place):
#   git worktree add --detach ../wt-mut main && cp -a target ../wt-mut/ && cd ../wt-mut
# The baseline is skipped (one build less): run it on a tree whose tests pass.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 2 ]; then
    echo "usage : scripts/mutants.sh DOSSIER_DE_SORTIE GROUPE…" >&2
    exit 2
fi
out=$(realpath -m "$1")
shift
mkdir -p "$out"
# A failing case found by a mutant must not be replayed for the next ones.
export PROPTEST_DISABLE_FAILURE_PERSISTENCE=true
# With mold installed, every link runs `mold --strip-debug` (halves the link of the 330 MB test
# binary, 5 s to 2.5 s here). Done through mold's exec wrapper, not RUSTFLAGS or a configured
# linker: cargo fingerprints those, and changing them rebuilds every dependency.
wrapper=/usr/lib/x86_64-linux-gnu/mold/mold-wrapper.so
if [ "${MUTANTS_FAST_LINK:-1}" = 1 ] && command -v mold > /dev/null && [ -f "$wrapper" ]; then
    link=$(mktemp)
    printf '#!/bin/sh\nexec mold --strip-debug "$@"\n' > "$link"
    chmod +x "$link"
    trap 'rm -f "$link"' EXIT
    export LD_PRELOAD=$wrapper MOLD_PATH=$link
fi

mutants() { # OUTPUT_FOLDER TEST_TARGET… -- TEST_NAME… — one cargo-mutants run over "${globs[@]}"
    local output=$1
    shift
    # The test targets go to every cargo call (`--cargo-arg`), the build's too: after `--` they
    # would reach `cargo test` alone, and the build would compile every target of the package
    # (the library's unit tests, the binary's, the examples) for each mutant.
    local targets=()
    while [ "$1" != -- ]; do
        targets+=("--cargo-arg=$1")
        shift
    done
    shift
    # shellcheck disable=SC2086 # MUTANTS_ARGS holds several options
    nice -n 15 cargo mutants --in-place --no-shuffle --baseline skip --timeout 240 --build-timeout 600 \
        ${MUTANTS_ARGS:-} "${targets[@]}" "${globs[@]}" --output "$output" -- -- "$@" || true
}

for group in "$@"; do
    case $group in
        claim-core) files=(src/claim/compute.rs src/claim/imputation.rs src/claim/interest.rs)
            tests=(claim_) ;;
        claim-rates) files=(src/claim/regime.rs src/claim/half_year.rs src/claim/rounding.rs src/claim/rates.rs src/claim/mod.rs)
            tests=(claim_ rate_check hostile::penalty_rate hostile::rates_) ;;
        claim-docs) files=(src/claim/due.rs src/claim/conventions.rs)
            tests=(claim_ due:: commands:: notice_interest notice_scope) ;;
        claim-title) files=('src/claim/title/**')
            tests=(claim_ title) ;;
        claim-report) files=(src/claim/report.rs)
            tests=(claim_ commands:: csv_fr) ;;
        claim-ratesfile) files=('src/claim/rates_file/**')
            tests=(claim_ rate_check hostile::penalty_rate hostile::rates_) ;;
        claim-view) files=(src/claim/view.rs src/claim/split_view.rs)
            tests=(claim_ commands:: split_payments notice_interest) ;;
        plan) files=('src/plan/**')
            tests=(plan routes hold due:: enforcement title foreclosure privilege small_claims mediator
                proof_gate amicable_ladder debtor_status rules:: suivi:: cross_documents::a_redressement) ;;
        *) echo "groupe inconnu : $group" >&2; exit 2 ;;
    esac
    if [ -n "${MUTANTS_TESTS+set}" ]; then
        read -r -a tests <<< "$MUTANTS_TESTS"
    fi
    globs=()
    for f in "${files[@]}"; do globs+=(-f "$f"); done
    mutants "$out/$group" --test=it -- "${tests[@]}"
    # Tier 2: `--iterate` re-tests only what tier 1 did not catch, in a copy of its results.
    results=$out/$group/mutants.out
    if [ "${MUTANTS_WIDE:-1}" = 1 ] && [ -s "$results/missed.txt" -o -s "$results/timeout.txt" ]; then
        rm -rf "$out/$group-wide"
        cp -r "$out/$group" "$out/$group-wide"
        MUTANTS_ARGS="${MUTANTS_ARGS:-} --iterate" mutants "$out/$group-wide" --lib --test=it --
    fi
done
