#!/usr/bin/env bash
# Runs one atlas per mining parameter table and collects the key figures of every
# report.json into one CSV, one row per scenario.
#
#   scripts/batch_scenarios.sh CONFIG.yaml OUT_DIR MINING_A.csv MINING_B.csv ...
#
# Each scenario runs `permafrost-atlas run` on a copy of CONFIG.yaml whose inputs.mining
# points at one table; results land in OUT_DIR/<table name>/ and OUT_DIR/scenarios.csv.
# Set PERMAFROST_ATLAS to the binary (default: .build/release/permafrost-atlas).
set -euo pipefail
if [ $# -lt 3 ]; then
    echo "usage: $0 CONFIG.yaml OUT_DIR MINING.csv [MINING.csv ...]" >&2
    exit 2
fi
config=$(realpath "$1"); out=$2; shift 2
atlas=${PERMAFROST_ATLAS:-$(dirname "$0")/../.build/release/permafrost-atlas}
mkdir -p "$out"
config_dir=$(dirname "$config")
for table in "$@"; do
    name=$(basename "$table" .csv)
    scenario_config="$config_dir/.scenario-$name.yaml"
    # Only the mining table changes; every other input and parameter stays as configured.
    sed "s|^\(  mining:\).*|\1 $(realpath "$table")|" "$config" > "$scenario_config"
    echo "scenario $name" >&2
    "$atlas" run "$scenario_config" --out "$out/$name" --overwrite -q --json > "$out/$name.json"
    rm -f "$scenario_config"
done
python3 - "$out" "$@" <<'PY'
import csv, json, os, sys
out, tables = sys.argv[1], sys.argv[2:]
columns = ["scenario", "ice_pre_km3", "ice_post_km3", "ice_change_km3", "permafrost_pre_km2", "permafrost_post_km2",
           "permafrost_lost_km2", "pit_mean_magt_change_C", "dump_mean_magt_change_C", "pit_mean_alt_change_m",
           "dump_mean_alt_change_m", "check_magt_within_20pct", "check_alt_within_20pct"]
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
        report = json.load(open(os.path.join(out, name + ".json")))
        ice = report["iceVolumeCubicKilometres"]
        transition = report["permafrostTransition"]
        lost = transition["areaSquareKilometres"][1][2] if len(transition["areaSquareKilometres"]) > 2 else ""
        writer.writerow([name, ice["pre"], ice["post"], ice["post"] - ice["pre"],
                         area(report, "pre/permafrost.tif", "permafrost"), area(report, "post/permafrost.tif", "permafrost"), lost,
                         disturbance(report, "open pit", "meanMAGTChange"), disturbance(report, "spoil", "meanMAGTChange"),
                         disturbance(report, "open pit", "meanALTChange"), disturbance(report, "spoil", "meanALTChange"),
                         check(report, "magt"), check(report, "alt")])
print(os.path.join(out, "scenarios.csv"))
PY
