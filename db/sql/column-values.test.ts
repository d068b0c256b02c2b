import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exactNumber } from './column-values.ts';

describe('column values', () => {
  it('are numbers where a double holds them exactly, else the engine text', () => {
    assert.equal(exactNumber('3'), 3);
    assert.equal(exactNumber('-42'), -42);
    assert.equal(exactNumber('70.5000000000000000'), 70.5);
    assert.equal(exactNumber('0.000123'), 0.000123);
    assert.equal(exactNumber('9007199254740991'), 9007199254740991);
    assert.equal(exactNumber('-9007199254740992'), '-9007199254740992');
    assert.equal(exactNumber('1234567890123456.5'), '1234567890123456.5');
    assert.equal(exactNumber('12.50'), 12.5);
    assert.equal(exactNumber('900719925474099'), 900719925474099);
    assert.equal(exactNumber('9007199254740993'), '9007199254740993');
    assert.equal(exactNumber('12345678901234567890'), '12345678901234567890');
    assert.equal(exactNumber('3.14159265358979323846'), '3.14159265358979323846');
    assert.equal(exactNumber('NaN'), 'NaN');
  });
});
