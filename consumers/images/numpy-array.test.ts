import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseNumpyArray } from './numpy-array.ts';

/** A .npy file of format 1.0 as numpy.save writes it: the header padded with spaces to a multiple of 64 bytes. */
function npy(descr: string, shape: number[], data: Uint8Array, fortran = false): Uint8Array {
  const dict = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const padded = dict.padEnd(Math.ceil((10 + dict.length + 1) / 64) * 64 - 10 - 1) + '\n';
  const header = new Uint8Array(10 + padded.length);
  header.set([0x93, ...Buffer.from('NUMPY'), 1, 0]);
  new DataView(header.buffer).setUint16(8, padded.length, true);
  header.set(Buffer.from(padded, 'latin1'), 10);
  return Buffer.concat([header, data]);
}

describe('NumPy .npy files', () => {
  it('reads float16 words, float32 and int64 with their shapes', () => {
    const half = parseNumpyArray(npy('<f2', [1, 2, 1, 1, 1, 2], new Uint8Array(new Uint16Array([0x3c00, 0xc000, 0x0001, 0x7bff]).buffer)), 'cache');
    assert.deepEqual(half, { dtype: 'float16', shape: [1, 2, 1, 1, 1, 2], data: new Uint16Array([0x3c00, 0xc000, 0x0001, 0x7bff]) });
    assert.deepEqual(parseNumpyArray(npy('<f4', [3], new Uint8Array(new Float32Array([1, 2.5, -3]).buffer)), 'x').data, new Float32Array([1, 2.5, -3]));
    assert.deepEqual(parseNumpyArray(npy('<i8', [], new Uint8Array(new BigInt64Array([7n]).buffer)), 'x'), { dtype: 'int64', shape: [], data: new BigInt64Array([7n]) });
  });

  it('reads the data from a Buffer that shares its pool, at any offset', () => {
    const file = Buffer.concat([Buffer.from('xyz'), npy('<f4', [2], new Uint8Array(new Float32Array([4, 5]).buffer))]).subarray(3);
    assert.deepEqual(parseNumpyArray(file, 'x').data, new Float32Array([4, 5]));
  });

  it('refuses what it cannot read, naming the file', () => {
    assert.throws(() => parseNumpyArray(Buffer.from('not numpy at all'), 'initial_kv_cache.npy'), /initial_kv_cache.npy is not a NumPy .npy file/);
    assert.throws(() => parseNumpyArray(npy('>f4', [1], new Uint8Array(4)), 'f.npy'), /f.npy: dtype >f4 is not one of <f2, <f4, <i8/);
    assert.throws(() => parseNumpyArray(npy('<f4', [2, 2], new Uint8Array(16), true), 'f.npy'), /f.npy: Fortran order is not supported/);
    assert.throws(() => parseNumpyArray(npy('<f4', [2, 2], new Uint8Array(12)), 'f.npy'), /f.npy: shape \(2, 2\) needs 16 bytes of <f4, the file holds 12/);
  });
});
