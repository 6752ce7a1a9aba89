#!/usr/bin/env bash
# Runs one atlas per mining parameter table and collects the key figures of every
# report.json into one CSV, one row per scenario.
#
#   scripts/batch_scenarios.sh CONFIG.yaml OUT_DIR MINING_A.csv MINING_B.csv ...
#
# Each scenario runs `permafrost-atlas run` on a copy of CONFIG.yaml whose inputs.mining
# points at one table; results land in OUT_DIR/<table name>/ and OUT_DIR/scenarios.csv.
# The copies live in a temporary folder (removed on exit), with the configuration's relative
# paths made absolute. A scenario that fails is a row with its error; the others still run and
# are written. The script exits 1 when any scenario failed.
# Set PERMAFROST_ATLAS to the binary (default: .build/release/permafrost-atlas).
set -euo pipefail
if [ $# -lt 3 ]; then
    echo "usage: $0 CONFIG.yaml OUT_DIR MINING.csv [MINING.csv ...]" >&2
    exit 2
fi
config=$(realpath "$1"); out=$2; shift 2
atlas=${PERMAFROST_ATLAS:-$(dirname "$0")/../.build/release/permafrost-atlas}
mkdir -p "$out"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=0
for table in "$@"; do
    name=$(basename "$table" .csv)
    rm -f "$out/$name.json" "$out/$name.error"
    # Only the mining table changes; every other input and parameter stays as configured.
    python3 - "$config" "$(realpath "$table")" "$scratch/$name.yaml" <<'PY' || { echo "cannot prepare scenario $name" > "$out/$name.error"; failed=1; continue; }
import os, re, sys
config, table, target = sys.argv[1:]
base = os.path.dirname(config)
lines = []
inputs = False
for line in open(config, encoding="utf-8"):
    if re.match(r"^\S", line):
        inputs = line.startswith("inputs:")
    match = re.match(r"^(  [a-z_]+:)\s*(.*?)(\s+#.*)?$", line.rstrip("\n")) if inputs else None
    if match and match.group(1).strip() == "mining:":
        line = f"{match.group(1)} {table}\n"
    elif match and match.group(2) and not match.group(2).startswith("~"):
        key, value = match.group(1), match.group(2)
        # Paths stay valid from the temporary folder: relative ones are made absolute.
        def absolute(path):
            path = path.strip().strip("'\"")
            return path if os.path.isabs(path) or path in ("true", "false") or not os.path.exists(os.path.join(base, path)) else os.path.join(base, path)
        if value.startswith("["):
            value = "[" + ", ".join(absolute(p) for p in value.strip("[]").split(",") if p.strip()) + "]"
        else:
            value = absolute(value)
        line = f"{key} {value}\n"
    lines.append(line)
open(target, "w", encoding="utf-8").writelines(lines)
PY
    echo "scenario $name" >&2
    if ! "$atlas" run "$scratch/$name.yaml" --out "$out/$name" --overwrite -q --json > "$scratch/$name.json" 2> "$scratch/$name.stderr"; then
        # The run's one-line error, for the CSV.
        tail -n 1 "$scratch/$name.stderr" > "$out/$name.error"
        cat "$scratch/$name.stderr" >&2
        failed=1
        continue
    fi
    mv "$scratch/$name.json" "$out/$name.json"
done
python3 - "$out" "$@" <<'PY'
import csv, json, os, sys
out, tables = sys.argv[1], sys.argv[2:]
columns = ["scenario", "ice_pre_km3", "ice_post_km3", "ice_change_km3", "permafrost_pre_km2", "permafrost_post_km2",
           "permafrost_lost_km2", "pit_mean_magt_change_C", "dump_mean_magt_change_C", "pit_mean_alt_change_m",
           "dump_mean_alt_change_m", "check_magt_within_20pct", "check_alt_within_20pct", "error"]
def rounded(value):
    # The rasters are Float32 (about 7 significant digits): 6 keep every real digit and drop
    # the noise of widening (0.6000000238418579 -> 0.6).
    return float(f"{value:.6g}") if isinstance(value, float) else value
def area(report, path, name):
    return report["products"][path]["classAreasSquareKilometres"].get(name, 0.0)
def disturbance(report, kind, field):
    rows = [r for r in report["disturbance"] if r["zone"] == "interior" and r["type"].startswith(kind)]
    return rows[0][field] if rows else ""
def check(report, quantity):
    rows = [c for c in report["checkSummary"] if c["quantity"] == quantity]
    return rows[0]["shareWithin20Percent"] if rows else ""
with open(os.path.join(out, "scenarios.csv"), "w", newline="") as handle:
    writer = csv.writer(handle)
    writer.writerow(columns)
    for table in tables:
        name = os.path.splitext(os.path.basename(table))[0]
        error_file = os.path.join(out, name + ".error")
        if os.path.exists(error_file):
            writer.writerow([name] + [""] * (len(columns) - 2) + [open(error_file, encoding="utf-8").read().strip()])
            continue
        report = json.load(open(os.path.join(out, name + ".json")))
        ice = report["iceVolumeCubicKilometres"]
        transition = report["permafrostTransition"]
        lost = transition["areaSquareKilometres"][1][2] if len(transition["areaSquareKilometres"]) > 2 else ""
        row = [name, ice["pre"], ice["post"], ice["post"] - ice["pre"],
               area(report, "pre/permafrost.tif", "permafrost"), area(report, "post/permafrost.tif", "permafrost"), lost,
               disturbance(report, "open pit", "meanMAGTChange"), disturbance(report, "spoil", "meanMAGTChange"),
               disturbance(report, "open pit", "meanALTChange"), disturbance(report, "spoil", "meanALTChange"),
               check(report, "magt"), check(report, "alt"), ""]
        writer.writerow([rounded(value) for value in row])
print(os.path.join(out, "scenarios.csv"))
PY
exit $failed
