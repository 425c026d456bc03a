#!/usr/bin/env bash
# Several stance-model configurations side by side on one lent GPU, the best brought back.
#
# Why: a lent GPU comes for minutes, once; one small MiniLM leaves most of an
# H100 idle, so four runs share it in the time of one.  Each keeps its best
# epoch by --select mean: the mean of the validation macro-F1 (a fold of FNC
# train's own stories) and the accuracy on the two dev sets this repository
# holds (Emergent train, FEVER-Symmetric dev; their test splits are held out
# elsewhere).  The run with the best kept score is copied to OUT in float16
# parts; export it here with
#   python train/stance_model.py --export-only OUT/stance_fp16.pt.part0
#
# Needs (no network there; train/stance_gpu_pack.sh makes them): .gpu/base (the base MiniLM weights, float16 is
# enough) and .gpu/data.tgz (fnc1-train, arc, emergent, fever-symmetric,
# perspectrum from ../shared/data), carried with the working tree.
set -uo pipefail
OUT=${OUT:-/tmp/stance_sweep}
MINUTES=${MINUTES:-6}
mkdir -p "$OUT" /tmp/sweep_data
tar xzf .gpu/data.tgz -C /tmp/sweep_data || exit 2
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader
common=(--data /tmp/sweep_data --base .gpu/base --device "${DEVICE:-cuda}" --full
        --valid-fraction 0.1 --lr 5e-5 --train-embeddings --synthetic-unrelated 3000
        --batch-size 32 --threads 3 --dev-eval --select mean --max-minutes "$MINUTES")
run() {
  local name=$1
  shift
  python3 train/stance_model.py "${common[@]}" --cache "/tmp/sweep_c_$name" \
    --save-parts "/tmp/sweep_p_$name" "$@" >"/tmp/sweep_log_$name" 2>&1 &
}
run A --epochs 6 --denies-weight 1.5 --synthetic-twins 2000 --perspectrum
run B --epochs 6 --denies-weight 1.5 --synthetic-twins 6000 --perspectrum
run C --epochs 6 --denies-weight 1.5 --synthetic-twins 6000
run D --epochs 6 --denies-weight 2.5 --synthetic-twins 2000 --perspectrum
wait
for n in A B C D; do echo "=== $n"; grep -v "step [0-9]*/" "/tmp/sweep_log_$n" | tail -c 6000; done >"$OUT/all.log"
python3 - "$OUT" <<'EOF'
import json, shutil, sys
from pathlib import Path
out = Path(sys.argv[1])
runs = {}
for n in "ABCD":
    f = Path(f"/tmp/sweep_p_{n}/train_info.json")
    if f.is_file():
        runs[n] = json.loads(f.read_text())
summary = {n: {"kept_epoch": r.get("kept_epoch"), "kept_score": r.get("kept_score"),
               "total": r.get("total"), "steps": r.get("steps"),
               "train_minutes": r.get("train_minutes"), "validation": r.get("validation")}
           for n, r in runs.items()}
best = max(runs, key=lambda n: runs[n].get("kept_score") or -1) if runs else None
summary["best"] = best
(out / "summary.json").write_text(json.dumps(summary, indent=1))
print(json.dumps({n: (s["kept_epoch"], s["kept_score"]) for n, s in summary.items() if n in runs}), "best", best)
if best:
    for p in Path(f"/tmp/sweep_p_{best}").iterdir():
        shutil.copy(p, out / p.name)
EOF
ls -la "$OUT"
