// What an ONNX file says about itself without running it: its metadata (Ultralytics writes the class
// names and input size there) and the shapes of its graph's inputs and outputs. onnxruntime-node
// does not expose the metadata, so the file's protobuf is walked here; the weights are skipped, not read.

/** A dimension: a number when fixed, its symbolic name ("batch") when not, '?' when neither. */
export type OnnxDimension = number | string;

export interface OnnxTensorInfo {
  name: string;
  shape: OnnxDimension[];
}

export interface OnnxModelInfo {
  metadata: Record<string, string>;
  inputs: OnnxTensorInfo[];
  outputs: OnnxTensorInfo[];
}

interface Field {
  number: number;
  /** The varint's value, or the bytes of a length-delimited field. */
  value: number | Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** The top-level fields of one protobuf message. */
function fields(bytes: Uint8Array): Field[] {
  const found: Field[] = [];
  let at = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (at >= bytes.length) throw new Error('the file ends inside a number: not an ONNX model, or cut short');
      const byte = bytes[at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  while (at < bytes.length) {
    const tag = varint();
    const number = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (wireType === 0) found.push({ number, value: varint() });
    else if (wireType === 1) at += 8;
    else if (wireType === 5) at += 4;
    else if (wireType === 2) {
      const length = varint();
      if (at + length > bytes.length) throw new Error('a field runs past the end of the file: not an ONNX model, or cut short');
      found.push({ number, value: bytes.subarray(at, at + length) });
      at += length;
    } else throw new Error(`protobuf wire type ${wireType} at byte ${at}: not an ONNX model`);
  }
  return found;
}

const messages = (list: Field[], number: number) => list.flatMap((field) => (field.number === number && field.value instanceof Uint8Array ? [field.value] : []));
const text = (list: Field[], number: number) => {
  const [value] = messages(list, number);
  return value ? utf8.decode(value) : undefined;
};

// Field numbers from onnx/onnx.proto: ModelProto.graph 7, metadata_props 14; GraphProto.input 11,
// output 12; ValueInfoProto.name 1, type 2; TypeProto.tensor_type 1; Tensor.shape 2;
// TensorShapeProto.dim 1; Dimension.dim_value 1, dim_param 2; StringStringEntryProto.key 1, value 2.
function tensorInfo(valueInfo: Uint8Array): OnnxTensorInfo {
  const info = fields(valueInfo);
  const [type] = messages(info, 2);
  const [tensor] = type ? messages(fields(type), 1) : [];
  const [shape] = tensor ? messages(fields(tensor), 2) : [];
  const dims = shape
    ? messages(fields(shape), 1).map((dim): OnnxDimension => {
        const parts = fields(dim);
        const fixed = parts.find((part) => part.number === 1 && typeof part.value === 'number');
        return typeof fixed?.value === 'number' ? fixed.value : (text(parts, 2) ?? '?');
      })
    : [];
  return { name: text(info, 1) ?? '', shape: dims };
}

export function readOnnxModelInfo(bytes: Uint8Array): OnnxModelInfo {
  const model = fields(bytes);
  const [graph] = messages(model, 7);
  if (!graph) throw new Error('no graph in it: not an ONNX model');
  const graphFields = fields(graph);
  const metadata: Record<string, string> = {};
  for (const entry of messages(model, 14)) {
    const parts = fields(entry);
    const key = text(parts, 1);
    if (key !== undefined) metadata[key] = text(parts, 2) ?? '';
  }
  return { metadata, inputs: messages(graphFields, 11).map(tensorInfo), outputs: messages(graphFields, 12).map(tensorInfo) };
}
