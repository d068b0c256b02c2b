"""Builds moondream-test: a tiny vision-language model in the layout of Moondream's ONNX release
(moondream-2b-int8.mf.gz and its siblings, read by the `moondream` PyPI client's onnx_vl.py up to
0.0.6): a MOON archive (magic "MOON", version byte 1, then per member a big-endian u32 name length,
the name, a big-endian u64 content length and the content), gzip-compressed, holding

  vision_encoder.onnx     in  input (N, 3, 378, 378) float16, crops normalised to -1..1
                          out (N, 729, enc_dim): one embedding per 14-px patch of each crop
  vision_projection.onnx  in  input (1, 729, 2 * enc_dim): the global crop's embeddings beside the
                              pooled local ones
                          out (1, 729, dim): the image as 729 input embeddings
  text_encoder.onnx       in  input_ids (1, T) int64
                          out (1, T, dim)
  text_decoder.onnx       in  input_embeds (1, T, dim), kv_cache (layers, 2, 1, heads, P, head_dim)
                          out hidden (1, T, dim), new_kv_cache (layers, 2, 1, heads, T, head_dim),
                              logits (1, vocab) of the last position
  coord_encoder/decoder.onnx, size_encoder/decoder.onnx  (detect and point; unused by captions)
  initial_kv_cache.npy    the cache of the prompt's start, (layers, 2, 1, heads, P0, head_dim)
  tokenizer.json          a Hugging Face tokenizer (byte-level BPE, as the real release's)
  config.json             {"special_tokens": {"eos": id}, "templates": {"caption": {"short": ids,
                          "normal": ids, "long": ids}, "query": ..., "detect": ..., "point": ...}}

each under the name models/manifest.json gives its role (--file vision-encoder=vision_encoder.onnx
and so on, one per role), with small fixed weights instead of Moondream's. Each token picks the next one by a wide margin,
except the caption's first word, which the image picks: one encoder channel is each patch's mean
brightness, the projection carries it into one dimension of the image's embeddings, and the
decoder's attention (uniform over the whole key-value cache: the initial one, the image's 729
positions and the prompt's) brings its average to the prompt's last position, where it decides
between "A" (a bright image) and "The" (a dark one). So greedy decoding after any caption prompt
(they all end with ":") reads, then the end-of-text token:

  A    Ġtiny  Ġmoon  dream  Ġcaption  .     -> "A tiny moondream caption."    (mean brightness > 0.5)
  The  Ġtiny  Ġmoon  dream  Ġcaption  .     -> "The tiny moondream caption."  (mean brightness < 0.5)

Run by `npm run models -- build moondream-test` and by the tests, inside .stack/python; see
models/README.md and docs/images.md.
"""

import argparse
import gzip
import io
import json
import struct
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
IR_VERSION = 8  # what onnxruntime 1.x reads, whatever the onnx package writes by default
CROP_PX = 378
PATCH_PX = 14
PATCHES = (CROP_PX // PATCH_PX) ** 2  # 729
ENC_DIM = 4
LAYERS = 1
HEADS = 1
HEAD_DIM = 4
INITIAL_CACHE_LENGTH = 1
# The margin by which the current token picks the next one, and how small the attention keeps
# outside the brightness dimension.
MARGIN = 10.0
ATTENTION_SCALE = 0.01
# How strongly the image's brightness (-1..1 after normalisation) sways "A" against "The": enough to
# decide the tie after ":", far below MARGIN elsewhere.
BRIGHTNESS_SWAY = 2.0

VOCAB = ["<|endoftext|>", "Ċ", "Short", "Ġcaption", "Caption", "Long", ":", "A", "Ġtiny", "Ġmoon", "dream", ".", "Question", "Answer", "Ġdetect", "Point", "The"]
TOKEN = {piece: i for i, piece in enumerate(VOCAB)}
EOS = TOKEN["<|endoftext|>"]
CAPTION_REST = ["Ġtiny", "Ġmoon", "dream", "Ġcaption", "."]
# Each token's embedding is its one-hot vector; one more dimension carries the image's brightness.
BRIGHTNESS = len(VOCAB)
DIM = len(VOCAB) + 1

TEMPLATES = {
    "caption": {
        "short": [TOKEN["Ċ"], TOKEN["Ċ"], TOKEN["Short"], TOKEN["Ġcaption"], TOKEN[":"]],
        "normal": [TOKEN["Ċ"], TOKEN["Ċ"], TOKEN["Caption"], TOKEN[":"]],
        "long": [TOKEN["Ċ"], TOKEN["Ċ"], TOKEN["Long"], TOKEN["Ġcaption"], TOKEN[":"]],
    },
    "query": {"prefix": [TOKEN["Ċ"], TOKEN["Ċ"], TOKEN["Question"], TOKEN[":"]], "suffix": [TOKEN["Ċ"], TOKEN["Ċ"], TOKEN["Answer"], TOKEN[":"]]},
    "detect": {"prefix": [TOKEN["Ċ"], TOKEN["Ċ"], TOKEN["Ġdetect"], TOKEN[":"]], "suffix": [TOKEN["Ċ"]]},
    "point": {"prefix": [TOKEN["Ċ"], TOKEN["Ċ"], TOKEN["Point"], TOKEN[":"]], "suffix": [TOKEN["Ċ"]]},
}

rng = np.random.default_rng(14)


def weights(*shape: int, scale: float = 1.0) -> np.ndarray:
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def model(nodes, inputs, outputs, initializers, name: str) -> bytes:
    graph = helper.make_graph(nodes, name, inputs, outputs, [numpy_helper.from_array(array, key) for key, array in initializers.items()])
    built = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="lifestream tiny-moondream.py")
    built.ir_version = IR_VERSION
    onnx.checker.check_model(built)
    return built.SerializeToString()


def patch_weight() -> np.ndarray:
    weight = weights(ENC_DIM, 3, PATCH_PX, PATCH_PX, scale=0.02)
    weight[0] = 1.0 / (3 * PATCH_PX * PATCH_PX)  # channel 0: the patch's mean brightness
    return weight


def vision_encoder() -> bytes:
    nodes = [
        helper.make_node("Cast", ["input"], ["pixels"], to=TensorProto.FLOAT),
        helper.make_node("Conv", ["pixels", "patch_weight"], ["patch_grid"], strides=[PATCH_PX, PATCH_PX]),
        helper.make_node("Reshape", ["patch_grid", "flat_shape"], ["patch_rows"]),
        helper.make_node("Transpose", ["patch_rows"], ["patches"], perm=[0, 2, 1]),
        helper.make_node("Cast", ["patches"], ["output"], to=TensorProto.FLOAT16),
    ]
    return model(
        nodes,
        [helper.make_tensor_value_info("input", TensorProto.FLOAT16, ["crops", 3, CROP_PX, CROP_PX])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT16, ["crops", PATCHES, ENC_DIM])],
        {"patch_weight": patch_weight(), "flat_shape": np.array([0, ENC_DIM, PATCHES], dtype=np.int64)},
        "vision_encoder",
    )


def projection() -> np.ndarray:
    weight = weights(2 * ENC_DIM, DIM, scale=0.01)
    weight[:, BRIGHTNESS] = 0.0
    weight[0, BRIGHTNESS] = 1.0  # the global crop's brightness channel, as is
    return weight


def vision_projection() -> bytes:
    nodes = [
        helper.make_node("Cast", ["input"], ["features"], to=TensorProto.FLOAT),
        helper.make_node("MatMul", ["features", "projection"], ["projected"]),
        helper.make_node("Cast", ["projected"], ["output"], to=TensorProto.FLOAT16),
    ]
    return model(
        nodes,
        [helper.make_tensor_value_info("input", TensorProto.FLOAT16, [1, PATCHES, 2 * ENC_DIM])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT16, [1, PATCHES, DIM])],
        {"projection": projection()},
        "vision_projection",
    )


def text_encoder() -> bytes:
    return model(
        [helper.make_node("Gather", ["embeddings", "input_ids"], ["output"])],
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, [1, "tokens"])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT16, [1, "tokens", DIM])],
        {"embeddings": np.eye(len(VOCAB), DIM, dtype=np.float16)},
        "text_encoder",
    )


def text_decoder() -> bytes:
    # One layer, one head: keys and values of the new positions are appended to the cache's, the
    # last position attends over all of them, uniformly (the query is zero; no causal mask: only the
    # last position's logits are read), and the logits map each one-hot token to its successor,
    # the brightness the attention brought deciding between "A" and "The" after ":".
    successor = np.zeros((DIM, len(VOCAB)), dtype=np.float32)
    for before, after in [(":", "A"), (":", "The"), ("A", "Ġtiny"), ("The", "Ġtiny")] + list(zip(CAPTION_REST, CAPTION_REST[1:] + ["<|endoftext|>"])):
        successor[TOKEN[before], TOKEN[after]] = MARGIN
    successor[BRIGHTNESS, TOKEN["A"]] = BRIGHTNESS_SWAY
    successor[BRIGHTNESS, TOKEN["The"]] = -BRIGHTNESS_SWAY
    value = weights(DIM, HEAD_DIM)
    value[:, 0] = 0.0
    value[BRIGHTNESS, 0] = 1.0  # the value's first component is the position's brightness
    out = weights(HEAD_DIM, DIM, scale=ATTENTION_SCALE)
    out[:, BRIGHTNESS] = 0.0
    out[0, BRIGHTNESS] = 1.0  # and comes back as the last position's
    cache_shape = [LAYERS, 2, 1, HEADS, "past", HEAD_DIM]
    nodes = [
        helper.make_node("Cast", ["input_embeds"], ["x"], to=TensorProto.FLOAT),
        helper.make_node("Cast", ["kv_cache"], ["cache"], to=TensorProto.FLOAT),
        helper.make_node("MatMul", ["x", "w_query"], ["query"]),
        helper.make_node("MatMul", ["x", "w_key"], ["key"]),
        helper.make_node("MatMul", ["x", "w_value"], ["value"]),
        helper.make_node("Reshape", ["key", "cache_entry_shape"], ["key_entry"]),
        helper.make_node("Reshape", ["value", "cache_entry_shape"], ["value_entry"]),
        helper.make_node("Concat", ["key_entry", "value_entry"], ["new_cache"], axis=1),
        helper.make_node("Cast", ["new_cache"], ["new_kv_cache"], to=TensorProto.FLOAT16),
        helper.make_node("Gather", ["cache", "zero"], ["past_key_entry"], axis=1),
        helper.make_node("Gather", ["cache", "one"], ["past_value_entry"], axis=1),
        helper.make_node("Reshape", ["past_key_entry", "sequence_shape"], ["past_key"]),
        helper.make_node("Reshape", ["past_value_entry", "sequence_shape"], ["past_value"]),
        helper.make_node("Concat", ["past_key", "key"], ["keys"], axis=1),
        helper.make_node("Concat", ["past_value", "value"], ["values"], axis=1),
        helper.make_node("Transpose", ["keys"], ["keys_t"], perm=[0, 2, 1]),
        helper.make_node("MatMul", ["query", "keys_t"], ["scores"]),
        helper.make_node("Softmax", ["scores"], ["attention"], axis=-1),
        helper.make_node("MatMul", ["attention", "values"], ["attended"]),
        helper.make_node("MatMul", ["attended", "w_out"], ["attended_out"]),
        helper.make_node("Add", ["x", "attended_out"], ["h"]),
        helper.make_node("Cast", ["h"], ["hidden"], to=TensorProto.FLOAT16),
        helper.make_node("Slice", ["h", "last_start", "last_end", "sequence_axis"], ["last"]),
        helper.make_node("MatMul", ["last", "successor"], ["last_logits"]),
        helper.make_node("Reshape", ["last_logits", "logits_shape"], ["logits"]),
    ]
    return model(
        nodes,
        [
            helper.make_tensor_value_info("input_embeds", TensorProto.FLOAT16, [1, "tokens", DIM]),
            helper.make_tensor_value_info("kv_cache", TensorProto.FLOAT16, cache_shape),
        ],
        [
            helper.make_tensor_value_info("hidden", TensorProto.FLOAT16, [1, "tokens", DIM]),
            helper.make_tensor_value_info("new_kv_cache", TensorProto.FLOAT16, [LAYERS, 2, 1, HEADS, "tokens", HEAD_DIM]),
            helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, len(VOCAB)]),
        ],
        {
            "w_query": np.zeros((DIM, HEAD_DIM), dtype=np.float32),
            "w_key": weights(DIM, HEAD_DIM),
            "w_value": value,
            "w_out": out,
            "successor": successor,
            "cache_entry_shape": np.array([LAYERS, 1, 1, HEADS, -1, HEAD_DIM], dtype=np.int64),
            "sequence_shape": np.array([1, -1, HEAD_DIM], dtype=np.int64),
            "zero": np.array(0, dtype=np.int64),
            "one": np.array(1, dtype=np.int64),
            "last_start": np.array([-1], dtype=np.int64),
            "last_end": np.array([np.iinfo(np.int64).max], dtype=np.int64),
            "sequence_axis": np.array([1], dtype=np.int64),
            "logits_shape": np.array([1, len(VOCAB)], dtype=np.int64),
        },
        "text_decoder",
    )


def region_model(name: str, input_shape, output_shape) -> bytes:
    """The region heads of detect and point, shaped as their inputs and outputs are read; captions never run them."""
    return model(
        [helper.make_node("Cast", ["input"], ["features"], to=TensorProto.FLOAT), helper.make_node("MatMul", ["features", "weight"], ["output"])],
        [helper.make_tensor_value_info("input", TensorProto.FLOAT16 if input_shape[-1] == DIM else TensorProto.FLOAT, input_shape)],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, output_shape)],
        {"weight": weights(input_shape[-1], output_shape[-1], scale=0.1)},
        name,
    )


def tokenizer() -> bytes:
    return json.dumps(
        {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": [{"id": EOS, "content": "<|endoftext|>", "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}],
            "normalizer": None,
            "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
            "post_processor": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
            "decoder": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
            "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "", "end_of_word_suffix": "", "fuse_unk": False, "vocab": TOKEN, "merges": []},
        },
        ensure_ascii=False,
        indent=1,
    ).encode()


def npy(array: np.ndarray) -> bytes:
    out = io.BytesIO()
    np.save(out, array, allow_pickle=False)
    return out.getvalue()


def moon_archive(members: dict) -> bytes:
    out = io.BytesIO()
    out.write(b"MOON")
    out.write(struct.pack("!B", 1))
    for name, content in members.items():
        encoded = name.encode()
        out.write(struct.pack("!I", len(encoded)))
        out.write(encoded)
        out.write(struct.pack("!Q", len(content)))
        out.write(content)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="the .mf.gz file to write")
    parser.add_argument("--file", action="append", required=True, metavar="ROLE=NAME", help="the member name of a role, one per role")
    args = parser.parse_args()
    out = Path(args.out)
    names = dict(pair.split("=", 1) for pair in args.file)
    by_role = {
        "vision-encoder": vision_encoder,
        "vision-projection": vision_projection,
        "text-encoder": text_encoder,
        "text-decoder": text_decoder,
        "coord-encoder": lambda: region_model("coord_encoder", [1], [DIM]),
        "coord-decoder": lambda: region_model("coord_decoder", [DIM], [1024]),
        "size-encoder": lambda: region_model("size_encoder", [2], [DIM]),
        "size-decoder": lambda: region_model("size_decoder", [DIM], [1024]),
        "initial-kv-cache": lambda: npy(weights(LAYERS, 2, 1, HEADS, INITIAL_CACHE_LENGTH, HEAD_DIM, scale=0.01).astype(np.float16)),
        "tokenizer": tokenizer,
        "config": lambda: json.dumps({"special_tokens": {"eos": EOS}, "templates": TEMPLATES}, indent=1).encode(),
    }
    if sorted(names) != sorted(by_role):
        parser.error(f"--file must name each role once: {', '.join(by_role)} (got {', '.join(names)})")
    out.parent.mkdir(parents=True, exist_ok=True)
    # Members under a folder, as the release's names may be: readers keep only the last part.
    archive = moon_archive({f"moondream-test/{names[role]}": build() for role, build in by_role.items()})
    with open(out, "wb") as file, gzip.GzipFile(fileobj=file, mode="wb", mtime=0, filename="") as compressed:
        compressed.write(archive)
    print(f"wrote {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
