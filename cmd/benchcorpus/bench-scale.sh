#!/usr/bin/env bash
# bench-scale: the real binary on generated corpora (see main.go), one
# row per size: first run (time, rate, peak RSS), store size, re-run over
# the unchanged corpus (time, store growth), a night of 200 new articles
# (time, peak RSS), and reading commands on the result.
#
#   cmd/benchcorpus/bench-scale.sh BIN 1000 10000 [50000]
#
# BENCH_DIR (default a temporary folder) keeps the corpora and stores;
# corpora are reused when present.
set -euo pipefail
bin=$(realpath "$1"); shift
sizes=("$@")
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
gen=$work/benchcorpus
go build -o "$gen" ./cmd/benchcorpus

# measure OUT CMD...: runs CMD with /usr/bin/time, output to OUT.out,
# sets wall (s), cpu (user+system s) and rss (MB).
measure() {
	local out=$1; shift
	/usr/bin/time -f '%e %M %U %S' -o "$out.time" "$@" >"$out.out" 2>"$out.err" || { echo "failed: $* (see $out.err)" >&2; tail -3 "$out.err" >&2; }
	read -r wall rss user sys <"$out.time"
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.1f", u+s}')
	rss=$((rss / 1024))
}
mb() { echo $(( $(stat -c %s "$1") / 1048576 )); }

rows=()
for n in "${sizes[@]}"; do
	c=$work/corpus$n
	if [ ! -f "$c/.done" ]; then
		rm -rf "$c"; "$gen" -n "$n" -o "$c"; touch "$c/.done"
	fi
	# The runs read a copy, so the night's articles join the same folder
	# (same article keys) and the generated corpus stays as it is.
	live=$work/live$n
	rm -rf "$live"; cp -r "$c" "$live"
	db=$work/store$n.db; rm -f "$db"
	measure "$work/first$n" "$bin" run --db "$db" "$live"; first=$wall; firstcpu=$cpu; firstrss=$rss
	size=$(mb "$db")
	measure "$work/rerun$n" "$bin" run --db "$db" "$live"; rerun=$wall
	grow=$(( $(mb "$db") - size ))
	"$gen" -start "$n" -n 200 -o "$live"
	measure "$work/nightrun$n" "$bin" run --db "$db" "$live"; night=$wall; nightcpu=$cpu; nightrss=$rss
	measure "$work/deals$n" "$bin" deals --db "$db"; deals=$wall
	measure "$work/dealsjson$n" "$bin" deals --json --db "$db"; dealsjson=$wall
	first_line=$( { set +o pipefail; /usr/bin/time -f %e "$bin" deals --json --db "$db" | head -c 1 >/dev/null; } 2>&1 | tail -1 || true)
	measure "$work/diff$n" "$bin" diff --db "$db"; diff=$wall
	measure "$work/runs$n" "$bin" runs --db "$db"; runs=$wall
	one=$(jq -rn 'first(inputs | select((.history|length)==1) | .id)' "$work/dealsjson$n.out")
	measure "$work/history$n" "$bin" history --db "$db" "$one"; hist=$wall
	party=$(jq -rn 'first(inputs | .parties[0])' "$work/dealsjson$n.out")
	measure "$work/party$n" "$bin" deals --party "$party" --db "$db"; party_t=$wall
	ndeals=$(wc -l <"$work/dealsjson$n.out")
	after=$(mb "$db"); compacted=-
	if "$bin" compact --help >/dev/null 2>&1; then
		"$bin" compact --db "$db" >/dev/null && compacted="$(mb "$db") MB"
	fi
	rate=$(awk -v n="$n" -v t="$first" 'BEGIN{printf "%d", n/t}')
	rows+=("| $n | ${first} s (${rate}/s, cpu ${firstcpu} s) | ${firstrss} MB | ${size} MB | ${rerun} s (+${grow} MB) | ${night} s (cpu ${nightcpu} s), ${nightrss} MB | ${after} MB (compacted ${compacted}) | ${ndeals} | ${deals} s | ${dealsjson} s (first byte ${first_line} s) | ${diff} s | ${runs} s | ${hist} s | ${party_t} s |")
	printf '%s\n' "${rows[-1]}" >&2
done
echo
echo "| articles | first run | peak RSS | store | re-run (growth) | night +200 (time, RSS) | store after night | deal count | deals | deals --json | diff | runs | history (1 source) | deals --party |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo "(work folder: $work)"
