"""Give an attribution-tagger ONNX graph a ``lens`` input, so chunks can share one call.

Why: the tagger's BiLSTM is called once per chunk (a paragraph, or a piece of
a long one), 23 chunks per article on PolNeAR dev and twice that with two
members, and one chunk at a time its recurrence multiplies a matrix by a
vector at every step.  Several chunks padded into one batch multiply a matrix
by a matrix instead: 28 % less CPU for the model on PolNeAR dev in batches of
four.  The padding must not leak into the backward direction, so the LSTM has
to know each row's length: ONNX ``LSTM`` and onnxruntime's
``DynamicQuantizeLSTM`` both take an optional ``sequence_lens`` input, which
``torch.onnx.export`` leaves empty.  This script wires a new graph input
``lens`` (int32, one length per row) into every LSTM node's ``sequence_lens``;
nothing else in the graph changes.  The runtime
(``claimledger.nlp.tagger``) batches chunks only for a graph that has the
input, so graphs without it keep working one chunk per call.

Run (needs the ``train`` extra for ``onnx``)::

    python train/tagger_lengths.py MODEL.onnx [MODEL.onnx ...]   # rewritten in place

``train/attribution_tagger.py`` applies it to every model it exports.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

INPUT = "lens"
_LSTM_OPS = ("LSTM", "DynamicQuantizeLSTM")
_SEQUENCE_LENS = 4  # position of sequence_lens among an LSTM node's inputs


def add_lengths(path: Path) -> bool:
    """Rewrite ``path`` with the ``lens`` input; False if it had one already."""
    import onnx
    from onnx import TensorProto, helper

    model = onnx.load(str(path))
    graph = model.graph
    if any(i.name == INPUT for i in graph.input):
        return False
    lstms = [n for n in graph.node if n.op_type in _LSTM_OPS]
    if not lstms:
        raise ValueError(f"{path}: no LSTM node to give lengths to")
    for node in lstms:
        inputs = list(node.input) + [""] * max(0, _SEQUENCE_LENS + 1 - len(node.input))
        if inputs[_SEQUENCE_LENS]:
            raise ValueError(f"{path}: {node.name} already reads sequence lengths")
        inputs[_SEQUENCE_LENS] = INPUT
        del node.input[:]
        node.input.extend(inputs)
    graph.input.append(helper.make_tensor_value_info(INPUT, TensorProto.INT32, ["batch"]))
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.models:
        if not path.is_file():
            print(f"{path}: no such file", file=sys.stderr)
            return 2
        changed = add_lengths(path)
        print(f"{path}: {'lens input added' if changed else 'already has a lens input'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
