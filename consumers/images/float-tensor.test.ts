import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { floatsOf, floatTensor, fromHalfBits, toHalfBits } from './float-tensor.ts';

describe('float16 tensors', () => {
  it('rounds floats to the nearest half, ties to even, with subnormals, overflow and NaN', () => {
    const cases: [number, number][] = [
      [0, 0x0000],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [0.1, 0x2e66],
      [65504, 0x7bff],
      [65520, 0x7c00], // halfway to the next power: rounds up, to infinity
      [1e6, 0x7c00],
      [-Infinity, 0xfc00],
      [2 ** -24, 0x0001],
      [2 ** -25, 0x0000], // a tie: to the even 0
      [3 * 2 ** -25, 0x0002], // a tie: to the even 2
      [2 ** -14, 0x0400],
      [1 + 2 ** -11, 0x3c00], // a tie between 0x3c00 and 0x3c01: to the even
      [1 + 3 * 2 ** -11, 0x3c02],
    ];
    for (const [value, bits] of cases) assert.equal(toHalfBits(value), bits, `${value}`);
    assert.equal(toHalfBits(NaN) & 0x7c00, 0x7c00);
    assert.notEqual(toHalfBits(NaN) & 0x3ff, 0);
  });

  it('reads back every half exactly', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const value = fromHalfBits(bits);
      if (Number.isNaN(value)) assert.ok((bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0);
      else assert.equal(toHalfBits(value), bits, `0x${bits.toString(16)}`);
    }
  });

  it('makes float16 and float32 tensors and reads both', () => {
    const values = Float32Array.from([0.5, -1.25, 3]);
    const half = floatTensor('float16', values, [1, 3]);
    assert.equal(half.type, 'float16');
    assert.deepEqual([...half.dims], [1, 3]);
    assert.deepEqual([...floatsOf(half, 'x')], [0.5, -1.25, 3]);
    assert.equal(floatsOf(floatTensor('float32', values, [3]), 'x'), values);
  });
});
