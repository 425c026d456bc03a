#!/usr/bin/env bash
# Emergent scored as issue 4 asks (cross-validated by claim), and the model for all of it.
#
# Why: Emergent's headlines are the closest data to a ledger's claims, and
# the issue measures the engine on Emergent train cross-validated by claim.
# Six runs share one lent GPU: F0..F4 each train on the recipe (FNC-1 train
# split, ARC, synthetic twins and unrelated pairs, Perspectrum train) plus the
# Emergent claims outside by-claim fold k (bench/stance.py's folds, each pair
# three times, and 2,000 of those claims against another claim's headline,
# unrelated), and are scored on fold k alone; ALL trains on every Emergent
# claim and is the one brought back.  Every run keeps its last epoch
# (--select last), so no fold's score chooses anything.  The pooled accuracy
# of F0..F4 on their own folds is the Emergent number; ALL's own Emergent
# score is in-sample and says nothing.  Export ALL here with
#   python train/stance_model.py --export-only OUT/stance_fp16.pt.part0
# The shipped model (2026-11-27, seventeenth session) is ALL of
#   FEVER_CV=1 FEVER_REPEAT=5 MINUTES=5.2 EXTRA="--two-acts 2000 --fever-unrelated 500 --emergent-repeat 5"
# (5.3 min on one H100, start included; MINUTES also sets the learning-rate decay, and it
# stopped the runs at about 3.3 of the 4 planned epochs).
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
        --batch-size 32 --threads 2 --dev-eval --select last --epochs 4 --denies-weight 1.5 --synthetic-twins 2000 --perspectrum --emergent-repeat 3 --emergent-unrelated 2000 --max-minutes "$MINUTES")
# EXTRA: more trainer options for every run, e.g. a longer input (--max-length 256).
read -r -a extra <<<"${EXTRA:-}"
common+=("${extra[@]}")
# FEVER_CV=1: FEVER-Symmetric dev trains too (FEVER_REPEAT copies of each pair, default 3), by the same fold number (by group of four,
# train/stance_model.py's fever_groups), so its number is cross-validated as Emergent's is.
run() {  # run NAME FOLD: Emergent (and, with FEVER_CV=1, FEVER-Symmetric) less that fold
  local name=$1 fold=$2
  local more=(--emergent-fold "$fold")
  [ "${FEVER_CV:-0}" = 1 ] && more+=(--fever-fold "$fold" --fever-repeat "${FEVER_REPEAT:-3}")
  python3 train/stance_model.py "${common[@]}" "${more[@]}" --cache "/tmp/sweep_c_$name" \
    --save-parts "/tmp/sweep_p_$name" >"/tmp/sweep_log_$name" 2>&1 &
}
run F0 0
run F1 1
run F2 2
run F3 3
run F4 4
run ALL -1
wait
for n in F0 F1 F2 F3 F4 ALL; do echo "=== $n"; grep -v "step [0-9]*/" "/tmp/sweep_log_$n" | tail -c 6000; done >"$OUT/all.log"
python3 - "$OUT" <<'EOF'
import json, shutil, sys
from pathlib import Path
out = Path(sys.argv[1])
runs = {}
for n in ["F0", "F1", "F2", "F3", "F4", "ALL"]:
    f = Path(f"/tmp/sweep_p_{n}/train_info.json")
    if f.is_file():
        runs[n] = json.loads(f.read_text())
summary = {n: {"kept_epoch": r.get("kept_epoch"), "kept_score": r.get("kept_score"),
               "total": r.get("total"), "steps": r.get("steps"),
               "train_minutes": r.get("train_minutes"), "validation": r.get("validation")}
           for n, r in runs.items()}
best = "ALL" if "ALL" in runs else None
summary["best"] = best
folds = [n for n in runs if n.startswith("F")]
if folds and "ALL" in runs:  # pooled by-claim CV accuracy per epoch; a fold's size from the records
    every = sum(runs["ALL"]["emergent_train"].values())
    sizes = {n: every - sum(runs[n]["emergent_train"].values()) for n in folds}
    summary["emergent_cv"] = [
        round(sum(runs[n]["validation"][e]["emergent"] * sizes[n] for n in folds)
              / sum(sizes.values()), 4)
        for e in range(min(len(runs[n]["validation"]) for n in folds))
    ]
    print("emergent by-claim CV accuracy per epoch:", summary["emergent_cv"])
    if runs["ALL"].get("fever_symmetric_train"):
        every_f = sum(runs["ALL"]["fever_symmetric_train"].values())
        sizes_f = {n: every_f - sum(runs[n]["fever_symmetric_train"].values()) for n in folds}
        summary["fever_cv"] = [
            round(sum(runs[n]["validation"][e]["fever"] * sizes_f[n] for n in folds)
                  / sum(sizes_f.values()), 4)
            for e in range(min(len(runs[n]["validation"]) for n in folds))
        ]
        print("FEVER-Symmetric by-group CV accuracy per epoch:", summary["fever_cv"])
    print("probes per epoch (ALL):", [v.get("probes") for v in runs["ALL"]["validation"]])
(out / "summary.json").write_text(json.dumps(summary, indent=1))
print(json.dumps({n: (s["kept_epoch"], s["kept_score"]) for n, s in summary.items() if n in runs}), "best", best)
if best:
    for p in Path(f"/tmp/sweep_p_{best}").iterdir():
        shutil.copy(p, out / p.name)
EOF
ls -la "$OUT"
