// Floating-point onnxruntime tensors to and from Float32Array, whether the model takes float32 or
// float16, which onnxruntime holds as raw 16-bit words (Node 20 has no Float16Array). The conversion
// is written out here because it must be fast: a caption's crops are 2 million values, and the
// float16 package tried (@petamoriken/float16, through DataView) took 8 s for them, this 0.1 s.
import ort from 'onnxruntime-node';

export type FloatType = 'float32' | 'float16';

export function isFloatType(type: string): type is FloatType {
  return type === 'float32' || type === 'float16';
}

const float = new Float32Array(1);
const floatBits = new Uint32Array(float.buffer);

/** IEEE 754 half-precision bits of `value`, rounded to nearest, ties to even. */
export function toHalfBits(value: number): number {
  float[0] = value;
  const bits = floatBits[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  let mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200);
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    if (halfExponent < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - halfExponent;
    const rest = mantissa & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    let half = mantissa >>> shift;
    if (rest > halfway || (rest === halfway && (half & 1) === 1)) half++;
    return sign | half;
  }
  const rest = mantissa & 0x1fff;
  let half = (halfExponent << 10) | (mantissa >>> 13);
  // A carry out of the mantissa rightly moves to the next exponent (or to infinity).
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1)) half++;
  return sign | half;
}

let halfValues: Float32Array | undefined;

/** The value of every half-precision bit pattern, made once. */
function halfTable(): Float32Array {
  if (halfValues) return halfValues;
  halfValues = new Float32Array(0x10000);
  for (let bits = 0; bits < 0x10000; bits++) {
    const sign = bits & 0x8000 ? -1 : 1;
    const exponent = (bits >>> 10) & 0x1f;
    const mantissa = bits & 0x3ff;
    halfValues[bits] =
      exponent === 0 ? sign * mantissa * 2 ** -24 : exponent === 0x1f ? (mantissa === 0 ? sign * Infinity : NaN) : sign * 2 ** (exponent - 15) * (1 + mantissa / 1024);
  }
  return halfValues;
}

export const fromHalfBits = (bits: number): number => halfTable()[bits & 0xffff]!;

/** A tensor of `type` holding `values`. */
export function floatTensor(type: FloatType, values: Float32Array, dims: readonly number[]): ort.Tensor {
  if (type === 'float32') return new ort.Tensor('float32', values, dims);
  const words = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) words[i] = toHalfBits(values[i]!);
  return new ort.Tensor('float16', words, dims);
}

/** A float32 or float16 tensor's values as float32; `what` names it in the error for another type. */
export function floatsOf(tensor: ort.Tensor, what: string): Float32Array {
  if (tensor.type === 'float32' && tensor.data instanceof Float32Array) return tensor.data;
  if (tensor.type === 'float16' && tensor.data instanceof Uint16Array) {
    const table = halfTable();
    const words = tensor.data;
    const values = new Float32Array(words.length);
    for (let i = 0; i < values.length; i++) values[i] = table[words[i]!]!;
    return values;
  }
  throw new Error(`${what} is a ${tensor.type} tensor; float32 or float16 was expected`);
}
