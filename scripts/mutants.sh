#!/usr/bin/env bash
# Mutation testing of the money engine (src/claim) and of the plan (src/plan) with cargo-mutants:
# each group of files is mutated with the tests that read its results, one output folder per
# group. Hours on two cores: never run by CI (.ci/run does not call it).
#
#   scripts/mutants.sh OUT GROUP…        groups: claim-core claim-rates claim-docs claim-title
#                                               claim-report claim-ratesfile plan
#   MUTANTS_ARGS='--iterate' scripts/mutants.sh OUT claim-core   # only what was not caught
#
# Run it in a disposable worktree with a warm target (it mutates the sources in place):
#   git worktree add --detach ../wt-mut main && cp -a target ../wt-mut/ && cd ../wt-mut
# The baseline is skipped (one build less): run it on a tree whose tests pass.
# Results: OUT/GROUP/mutants.out/{caught,missed,timeout,unviable}.txt and outcomes.json.
# A mutant missed by its group's tests is to be run again with the whole suite before it is
# called missed: MUTANTS_ARGS='--iterate' MUTANTS_TESTS='' scripts/mutants.sh OUT GROUP.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 2 ]; then
    echo "usage : scripts/mutants.sh DOSSIER_DE_SORTIE GROUPE…" >&2
    exit 2
fi
out=$1
shift
# A failing case found by a mutant must not be replayed for the next ones.
export PROPTEST_DISABLE_FAILURE_PERSISTENCE=true

for group in "$@"; do
    case $group in
        claim-core) files=(src/claim/compute.rs src/claim/imputation.rs src/claim/interest.rs)
            tests=(--test it -- claim_) ;;
        claim-rates) files=(src/claim/regime.rs src/claim/half_year.rs src/claim/rounding.rs src/claim/rates.rs src/claim/mod.rs)
            tests=(--lib --test it -- claim) ;;
        claim-docs) files=(src/claim/due.rs src/claim/conventions.rs)
            tests=(--test it -- claim_ due:: commands::) ;;
        claim-title) files=('src/claim/title/**')
            tests=(--lib --test it -- claim:: title) ;;
        claim-report) files=(src/claim/report.rs)
            tests=(--test it -- claim_ commands:: csv_fr) ;;
        claim-ratesfile) files=('src/claim/rates_file/**')
            tests=(--lib --test it -- claim rate) ;;
        plan) files=('src/plan/**')
            tests=(--lib --test it -- plan routes hold due:: enforcement title foreclosure privilege small_claims
                mediator proof_gate amicable_ladder debtor_status) ;;
        *) echo "groupe inconnu : $group" >&2; exit 2 ;;
    esac
    if [ -n "${MUTANTS_TESTS+set}" ]; then
        read -r -a tests <<< "$MUTANTS_TESTS"
    fi
    globs=()
    for f in "${files[@]}"; do globs+=(-f "$f"); done
    # shellcheck disable=SC2086 # MUTANTS_ARGS holds several options
    nice -n 15 cargo mutants --in-place --no-shuffle --baseline skip --timeout 240 --build-timeout 600 \
        ${MUTANTS_ARGS:-} "${globs[@]}" --output "$out/$group" -- "${tests[@]}" || true
done
