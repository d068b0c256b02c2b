"""Builds a tiny NeMo TDT transducer in the ONNX layout of sherpa-onnx's Parakeet TDT 0.6b v2 export
(sherpa-onnx-nemo-parakeet-tdt-0.6b-v2-int8): the same files, input and output names, dtypes, axis
order and encoder metadata, with small fixed weights instead of NVIDIA's, so that the recognizer's
Parakeet path can run in tests where the real weights cannot be downloaded.

What sherpa-onnx (offline-transducer-nemo-model.cc, offline-recognizer-transducer-nemo-impl.h,
offline-transducer-greedy-search-nemo-decoder.cc) reads, by position, of each file:

  encoder  in  audio_signal (N, feat_dim, T) float, length (N,) int64
           out outputs (N, enc_dim, T') float, encoded_lengths (N,) int64
           metadata vocab_size (without blank), subsampling_factor, normalize_type, pred_rnn_layers,
           pred_hidden, feat_dim; a url containing "tdt" is what makes it decode as TDT
  decoder  in  targets (N, U) int32, target_length (N,) int32, states.1 and onnx::Slice_3
               (pred_rnn_layers, N, pred_hidden) float: the LSTM's h and c
           out outputs (N, pred_hidden, U) float, prednet_lengths (N,) int32, states and 162 (the
               next h and c)
  joiner   in  encoder_outputs (N, enc_dim, 1) float, decoder_outputs (N, pred_hidden, 1) float
           out outputs (N, 1, 1, vocab_size + 1 + durations) float: token logits, blank last, then
               one logit per duration (0 to 4 frames)
  tokens.txt  "<piece> <id>" per line, <blk> last, vocab_size + 1 lines

The weights make the output known in advance, whatever the audio: each token is chosen by the one
before it (the decoder's LSTM passes the previous token through; the joiner maps it to the next
token and that token's duration with a wide margin), while the encoder's contribution is real
computation on the features but kept far smaller than that margin. Greedy TDT search then emits
CYCLE over and over, from frame 0 to the end of the audio, one encoder frame being 80 ms:

  token   ▁tiny  ▁par  a  keet  ▁t  dt   (then ▁tiny again)
  frames  1      0     1  2     0   3    (the duration each is emitted with)
  at      0      1     1  2     4   4    (frame; the cycle repeats every 7 frames)

so the text is "tiny parakeet tdt tiny parakeet tdt ...", and durations of 0 (two tokens on one
frame) are exercised. Run by `npm run models -- build parakeet-tdt-test` and by the tests, inside
.stack/python; see models/README.md.
"""

import argparse
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from torch import nn

FEAT_DIM = 128  # Parakeet's mel bins; sherpa-onnx takes the feature dimension from this metadata.
ENC_DIM = 32
PRED_HIDDEN = 32
PRED_RNN_LAYERS = 2
JOINT_HIDDEN = 32
DURATIONS = [0, 1, 2, 3, 4]  # Parakeet TDT's
OPSET = 17

# 40 SentencePiece-like pieces (▁ starts a word); the blank <blk> is appended as id 40.
VOCAB = [
    "<unk>", "▁t", "▁th", "▁a", "in", "▁the", "re", "▁w", "▁o", "▁s",
    "er", "at", "ou", "nd", "it", "is", "▁h", "▁b", "on", "▁c",
    "▁tiny", "▁par", "a", "keet", "dt", "e", "t", "o", "n", "i",
    "s", "r", "h", "l", "d", "u", "c", "m", "y", "g",
]
BLANK = len(VOCAB)
# (piece, duration index) in the order greedy TDT search emits them; after the last comes the first.
CYCLE = [("▁tiny", 1), ("▁par", 0), ("a", 1), ("keet", 2), ("▁t", 0), ("dt", 3)]


class Encoder(nn.Module):
    """Three stride-2 convolutions (subsampling by 8, as Parakeet's), bounded by tanh."""

    def __init__(self) -> None:
        super().__init__()
        self.convs = nn.Sequential(
            nn.Conv1d(FEAT_DIM, ENC_DIM, 3, stride=2, padding=1),
            nn.ReLU(),
            nn.Conv1d(ENC_DIM, ENC_DIM, 3, stride=2, padding=1),
            nn.ReLU(),
            nn.Conv1d(ENC_DIM, ENC_DIM, 3, stride=2, padding=1),
        )

    def forward(self, audio_signal: torch.Tensor, length: torch.Tensor):
        encoded = torch.tanh(self.convs(audio_signal))
        for _ in range(3):  # each convolution: ceil(length / 2)
            length = torch.div(length + 1, 2, rounding_mode="floor")
        return encoded, length


class Decoder(nn.Module):
    """NeMo's prediction network: an embedding (the blank's is zero) into a stacked LSTM."""

    def __init__(self) -> None:
        super().__init__()
        self.embedding = nn.Embedding(BLANK + 1, PRED_HIDDEN, padding_idx=BLANK)
        self.lstm = nn.LSTM(PRED_HIDDEN, PRED_HIDDEN, num_layers=PRED_RNN_LAYERS)

    def forward(self, targets: torch.Tensor, target_length: torch.Tensor, h: torch.Tensor, c: torch.Tensor):
        embedded = self.embedding(targets.long()).transpose(0, 1)  # (U, N, H)
        out, (h_next, c_next) = self.lstm(embedded, (h, c))
        return out.permute(1, 2, 0), target_length, h_next, c_next  # outputs (N, H, U)


class Joiner(nn.Module):
    """NeMo's joint: encoder and prediction projected to a hidden size, added, ReLU, then logits."""

    def __init__(self) -> None:
        super().__init__()
        self.enc = nn.Linear(ENC_DIM, JOINT_HIDDEN)
        self.pred = nn.Linear(PRED_HIDDEN, JOINT_HIDDEN)
        self.out = nn.Linear(JOINT_HIDDEN, BLANK + 1 + len(DURATIONS))

    def forward(self, encoder_outputs: torch.Tensor, decoder_outputs: torch.Tensor):
        f = self.enc(encoder_outputs.transpose(1, 2)).unsqueeze(2)  # (N, T, 1, J)
        g = self.pred(decoder_outputs.transpose(1, 2)).unsqueeze(1)  # (N, 1, U, J)
        return self.out(torch.relu(f + g))  # (N, T, U, V + 1 + durations)


def small(*shape: int) -> torch.Tensor:
    return torch.randn(*shape) * 0.01


@torch.no_grad()
def set_weights(encoder: Encoder, decoder: Decoder, joiner: Joiner) -> None:
    torch.manual_seed(0)
    for conv in encoder.convs:
        if isinstance(conv, nn.Conv1d):
            conv.weight.copy_(torch.randn_like(conv.weight) * 0.1)
            conv.bias.zero_()

    # Each token of the cycle gets its own slot of the hidden vector; other tokens small noise.
    slot = {piece: i for i, (piece, _) in enumerate(CYCLE)}
    decoder.embedding.weight.copy_(small(BLANK + 1, PRED_HIDDEN))
    decoder.embedding.weight[BLANK].zero_()
    for piece, i in slot.items():
        decoder.embedding.weight[VOCAB.index(piece)] = 0
        decoder.embedding.weight[VOCAB.index(piece), i] = 3
    # Gates (PyTorch order i, f, g, o): input and output open, forget shut, so h = tanh(tanh(W x)),
    # a function of the current token alone.
    hidden = PRED_HIDDEN
    for layer in range(PRED_RNN_LAYERS):
        w_ih = small(4 * hidden, hidden)
        w_ih[2 * hidden : 3 * hidden] += torch.eye(hidden) * (1 if layer == 0 else 3)
        getattr(decoder.lstm, f"weight_ih_l{layer}").copy_(w_ih)
        getattr(decoder.lstm, f"weight_hh_l{layer}").copy_(small(4 * hidden, hidden))
        bias = torch.zeros(4 * hidden)
        bias[0:hidden] = 10
        bias[hidden : 2 * hidden] = -10
        bias[3 * hidden : 4 * hidden] = 10
        getattr(decoder.lstm, f"bias_ih_l{layer}").copy_(bias)
        getattr(decoder.lstm, f"bias_hh_l{layer}").zero_()

    joiner.enc.weight.copy_(small(JOINT_HIDDEN, ENC_DIM))
    joiner.enc.bias.zero_()
    joiner.pred.weight.copy_(torch.eye(JOINT_HIDDEN, PRED_HIDDEN) * 4 + small(JOINT_HIDDEN, PRED_HIDDEN))
    joiner.pred.bias.zero_()
    joiner.out.weight.copy_(small(BLANK + 1 + len(DURATIONS), JOINT_HIDDEN))
    joiner.out.bias.zero_()
    # After token CYCLE[k] comes CYCLE[k + 1] with its duration; after the blank (the start), CYCLE[0].
    for k, (piece, _) in enumerate(CYCLE):
        following, duration = CYCLE[(k + 1) % len(CYCLE)]
        joiner.out.weight[VOCAB.index(following), slot[piece]] = 10
        joiner.out.weight[BLANK + 1 + duration, slot[piece]] = 10
    first, first_duration = CYCLE[0]
    joiner.out.bias[VOCAB.index(first)] = 5
    joiner.out.bias[BLANK + 1 + first_duration] = 5


def export(encoder: Encoder, decoder: Decoder, joiner: Joiner, out: Path) -> None:
    torch.onnx.export(
        encoder,
        (torch.randn(1, FEAT_DIM, 100), torch.tensor([100], dtype=torch.int64)),
        str(out / "encoder.onnx"),
        input_names=["audio_signal", "length"],
        output_names=["outputs", "encoded_lengths"],
        dynamic_axes={"audio_signal": {0: "batch", 2: "time"}, "length": {0: "batch"}, "outputs": {0: "batch", 2: "frames"}, "encoded_lengths": {0: "batch"}},
        opset_version=OPSET,
    )
    state = torch.zeros(PRED_RNN_LAYERS, 1, PRED_HIDDEN)
    torch.onnx.export(
        decoder,
        (torch.tensor([[BLANK]], dtype=torch.int32), torch.tensor([1], dtype=torch.int32), state, state),
        str(out / "decoder.onnx"),
        input_names=["targets", "target_length", "states.1", "onnx::Slice_3"],
        output_names=["outputs", "prednet_lengths", "states", "162"],
        dynamic_axes={
            "targets": {0: "batch", 1: "tokens"},
            "target_length": {0: "batch"},
            "states.1": {1: "batch"},
            "onnx::Slice_3": {1: "batch"},
            "outputs": {0: "batch", 2: "tokens"},
            "prednet_lengths": {0: "batch"},
            "states": {1: "batch"},
            "162": {1: "batch"},
        },
        opset_version=OPSET,
    )
    torch.onnx.export(
        joiner,
        (torch.randn(1, ENC_DIM, 1), torch.randn(1, PRED_HIDDEN, 1)),
        str(out / "joiner.onnx"),
        input_names=["encoder_outputs", "decoder_outputs"],
        output_names=["outputs"],
        dynamic_axes={"encoder_outputs": {0: "batch", 2: "frames"}, "decoder_outputs": {0: "batch", 2: "tokens"}, "outputs": {0: "batch", 1: "frames", 2: "tokens"}},
        opset_version=OPSET,
    )


def quantize(out: Path) -> None:
    """int8 as sherpa-onnx's release: the encoder's weights as uint8, the decoder's and joiner's as int8."""
    for name, weight_type in [("encoder", QuantType.QUInt8), ("decoder", QuantType.QInt8), ("joiner", QuantType.QInt8)]:
        quantize_dynamic(model_input=str(out / f"{name}.onnx"), model_output=str(out / f"{name}.int8.onnx"), weight_type=weight_type)
        (out / f"{name}.onnx").unlink()


def add_metadata(path: Path) -> None:
    model = onnx.load(str(path))
    del model.metadata_props[:]
    metadata = {
        "vocab_size": str(len(VOCAB)),
        "normalize_type": "per_feature",
        "pred_rnn_layers": str(PRED_RNN_LAYERS),
        "pred_hidden": str(PRED_HIDDEN),
        "subsampling_factor": "8",
        "model_type": "EncDecRNNTBPEModel",
        "version": "2",
        "model_author": "NeMo",
        # sherpa-onnx decodes as TDT only when the url contains "tdt": this is the layout's origin.
        "url": "https://huggingface.co/nvidia/parakeet-tdt-0.6b-v2",
        "comment": "Not Parakeet: a tiny stand-in with fixed weights in its layout, built by Lifestream's scripts/models/tiny-nemo-tdt.py for tests",
        "feat_dim": str(FEAT_DIM),
    }
    for key, value in metadata.items():
        model.metadata_props.add(key=key, value=value)
    onnx.save(model, str(path))


def check(out: Path) -> None:
    """Runs one step of each file as sherpa-onnx does, and checks the names, dtypes and shapes."""
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    session = {name: onnxruntime.InferenceSession(str(out / f"{name}.int8.onnx"), options, providers=["CPUExecutionProvider"]) for name in ["encoder", "decoder", "joiner"]}
    expected = {
        "encoder": (["audio_signal", "length"], ["outputs", "encoded_lengths"]),
        "decoder": (["targets", "target_length", "states.1", "onnx::Slice_3"], ["outputs", "prednet_lengths", "states", "162"]),
        "joiner": (["encoder_outputs", "decoder_outputs"], ["outputs"]),
    }
    for name, (inputs, outputs) in expected.items():
        got = ([i.name for i in session[name].get_inputs()], [o.name for o in session[name].get_outputs()])
        assert got == (inputs, outputs), f"{name}: {got}"
    encoded, lengths = session["encoder"].run(None, {"audio_signal": np.random.randn(1, FEAT_DIM, 301).astype(np.float32), "length": np.array([301], dtype=np.int64)})
    assert encoded.shape == (1, ENC_DIM, 38) and lengths.dtype == np.int64 and lengths.tolist() == [38], (encoded.shape, lengths)
    state = np.zeros((PRED_RNN_LAYERS, 1, PRED_HIDDEN), dtype=np.float32)
    prediction, prediction_lengths, h, c = session["decoder"].run(None, {"targets": np.array([[BLANK]], dtype=np.int32), "target_length": np.array([1], dtype=np.int32), "states.1": state, "onnx::Slice_3": state})
    assert prediction.shape == (1, PRED_HIDDEN, 1) and prediction_lengths.dtype == np.int32 and h.shape == c.shape == state.shape
    (logits,) = session["joiner"].run(None, {"encoder_outputs": encoded[:, :, :1], "decoder_outputs": prediction})
    assert logits.shape == (1, 1, 1, BLANK + 1 + len(DURATIONS)), logits.shape
    first, first_duration = CYCLE[0]
    assert int(np.argmax(logits[0, 0, 0, : BLANK + 1])) == VOCAB.index(first) and int(np.argmax(logits[0, 0, 0, BLANK + 1 :])) == first_duration
    metadata = session["encoder"].get_modelmeta().custom_metadata_map
    assert metadata["vocab_size"] == str(len(VOCAB)) and "tdt" in metadata["url"], metadata


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write encoder.int8.onnx, decoder.int8.onnx, joiner.int8.onnx and tokens.txt to")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    encoder, decoder, joiner = Encoder().eval(), Decoder().eval(), Joiner().eval()
    set_weights(encoder, decoder, joiner)
    export(encoder, decoder, joiner, out)
    quantize(out)
    add_metadata(out / "encoder.int8.onnx")
    with (out / "tokens.txt").open("w", encoding="utf-8") as tokens:
        for i, piece in enumerate([*VOCAB, "<blk>"]):
            tokens.write(f"{piece} {i}\n")
    check(out)
    for path in sorted(out.iterdir()):
        print(f"{path.name}: {path.stat().st_size / 1e3:.1f} kB")


if __name__ == "__main__":
    main()
