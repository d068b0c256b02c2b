// Reads a NumPy .npy file (format versions 1–3, little-endian, C order) as an onnxruntime tensor's
// dtype, shape and data: Moondream's release keeps its initial key-value cache that way.
// https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html

export type NumpyDtype = 'float16' | 'float32' | 'int64';

export interface NumpyArray {
  dtype: NumpyDtype;
  shape: number[];
  /** float16 as raw bits (Uint16Array), as onnxruntime takes it. */
  data: Uint16Array | Float32Array | BigInt64Array;
}

const dtypes: Record<string, NumpyDtype> = { '<f2': 'float16', '<f4': 'float32', '<i8': 'int64' };
const elementBytes: Record<NumpyDtype, number> = { float16: 2, float32: 4, int64: 8 };

export function parseNumpyArray(bytes: Uint8Array, what: string): NumpyArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 10 || bytes[0] !== 0x93 || String.fromCharCode(...bytes.subarray(1, 6)) !== 'NUMPY') throw new Error(`${what} is not a NumPy .npy file`);
  const major = bytes[6]!;
  if (major < 1 || major > 3) throw new Error(`${what}: .npy format version ${major} is not one of 1–3`);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw new Error(`${what}: unreadable .npy header ${header.trim()}`);
  const dtype = dtypes[descr];
  if (!dtype) throw new Error(`${what}: dtype ${descr} is not one of ${Object.keys(dtypes).join(', ')}`);
  if (fortran === 'True') throw new Error(`${what}: Fortran order is not supported; save it in C order`);
  const shape = shapeText.split(',').map((part) => part.trim()).filter(Boolean).map(Number);
  const count = shape.reduce((product, size) => product * size, 1);
  const dataStart = headerStart + headerLength;
  const byteLength = count * elementBytes[dtype];
  if (bytes.length - dataStart !== byteLength) throw new Error(`${what}: shape (${shape.join(', ')}) needs ${byteLength} bytes of ${descr}, the file holds ${bytes.length - dataStart}`);
  // A copy of its own (a Buffer's slice would share its pool), aligned for the typed array.
  const data = new ArrayBuffer(byteLength);
  new Uint8Array(data).set(bytes.subarray(dataStart, dataStart + byteLength));
  const array = dtype === 'float16' ? new Uint16Array(data) : dtype === 'float32' ? new Float32Array(data) : new BigInt64Array(data);
  return { dtype, shape, data: array };
}
