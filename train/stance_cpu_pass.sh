#!/usr/bin/env bash
# The short CPU pass that made the stance model shipped from the fifteenth to the seventeenth
# session (2026-11-27) from the GPU run "FS" (FEVER_CV=1 train/stance_gpu_emergent_cv.sh, thirteenth
# session); kept to rebuild that model.  Its two-act and mismatched-FEVER pairs now train from the
# start on the GPU (the shipped model's rebuild line in src/claimledger/nlp/models/stance/meta.json).
#
# Why: run FS trains on FEVER-Symmetric's pairs, which are all on topic, and
# came back calling 40 % of one FEVER claim against another claim's evidence
# a side (D6: 8 %); and, like every model trained on Emergent's headlines, it
# read "The Kremlin confirms Trump sent Covid testing equipment to Putin and
# denies Putin's phone calls" as denying the equipment claim.  The lent GPU
# time was spent, so this pass continues FS's weights on two CPU cores (about
# 8 min): 4,500 pairs drawn from FS's own recipe, 1,500 FEVER claims against
# another group's evidence (unrelated), and TWO_ACTS (default 2,000) pairs of
# one sentence confirming one Emergent claim and denying another, labelled
# per claim (train/stance_model.py --two-acts); one epoch at lr 1e-5.
# TWO_ACTS=0 is the thirteenth session's "FS + pass".  Then export as usual:
#   python train/stance_model.py --export-only "$OUT_DIR"/stance_fp16.pt.part0
# EXTRA adds flags to the pass (split on spaces: no flag value may hold one).
# (this script copies FS's summary.json beside the parts: its cross-validated numbers are
# FS's recipe's, which the pass is not part of; the pass adds no Emergent or FEVER label FS
# did not train on: FEVER claims against other groups' evidence, and Emergent claims in
# sentences made here).
set -euo pipefail
FS=${FS:?folder with run FS\'s stance_fp16.pt.part* and summary.json}
DATA=${DATA:-../shared/data}
OUT_DIR=${OUT_DIR:-/tmp/stance_pass}
PY=${PY:-.venv/bin/python}
"$PY" - "$FS" <<'PY'
import sys
from pathlib import Path
sys.path.insert(0, "train")
import torch
import stance_model as sm
torch.save(sm.load_parts(Path(sys.argv[1]) / "stance_fp16.pt.part0"), Path(sys.argv[1]) / "fs_fp32.pt")
PY
"$PY" train/stance_model.py --data "$DATA" --full --valid-fraction 0.1 \
  --synthetic-twins 2000 --synthetic-unrelated 3000 --perspectrum \
  --emergent-fold -1 --emergent-repeat 3 --emergent-unrelated 2000 \
  --fever-fold -1 --fever-repeat 3 --fever-unrelated 1500 --subsample 4500 --two-acts "${TWO_ACTS:-2000}" \
  --resume "$FS/fs_fp32.pt" --lr 1e-5 --epochs 1 --batch-size 32 --denies-weight 1.5 \
  --train-embeddings --threads 2 --dev-eval --select last \
  --save-parts "$OUT_DIR" --cache "${CACHE:-/tmp/stance_pass_cache}" ${EXTRA:-}
cp "$FS/summary.json" "$OUT_DIR/"
