#!/usr/bin/env bash
# The short CPU pass that followed the GPU run "FS" (FEVER_CV=1 train/stance_gpu_emergent_cv.sh)
# on 2026-11-27 (thirteenth session): the candidate "FS + pass" in BENCHMARKS.md, measured and
# not shipped (it reads the reference article as denying its headline claim).
#
# Why: run FS trains on FEVER-Symmetric's pairs, which are all on topic, and
# came back calling 40 % of one FEVER claim against another claim's evidence
# a side (D6: 8 %).  The lent GPU time was spent, so this pass continues FS's
# weights on two CPU cores (about 7 min): 4,500 pairs drawn from FS's own
# recipe plus 1,500 FEVER claims against another group's evidence, labelled
# unrelated, one epoch at lr 1e-5.  Then export as usual:
#   python train/stance_model.py --export-only /tmp/stance_pass/stance_fp16.pt.part0
# (this script copies FS's summary.json beside the parts: its cross-validated numbers are
# FS's recipe's, which the pass is not part of; the pass adds no Emergent or FEVER pair FS
# did not train on, only FEVER claims against other groups' evidence).
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
  --fever-fold -1 --fever-repeat 3 --fever-unrelated 1500 --subsample 4500 \
  --resume "$FS/fs_fp32.pt" --lr 1e-5 --epochs 1 --batch-size 32 --denies-weight 1.5 \
  --train-embeddings --threads 2 --dev-eval --select last \
  --save-parts "$OUT_DIR" --cache /tmp/stance_pass_cache
cp "$FS/summary.json" "$OUT_DIR/"
