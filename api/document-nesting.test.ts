import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nestsDeeperThan } from './document-nesting.ts';

const nested = (levels: number) => `{${'a{'.repeat(levels - 1)}b${'}'.repeat(levels)}`;

describe('document nesting', () => {
  it('counts braces, brackets and parentheses alike, nesting only', () => {
    assert.equal(nestsDeeperThan(nested(3), 3, 1000), false);
    assert.equal(nestsDeeperThan(nested(4), 3, 1000), true);
    assert.equal(nestsDeeperThan('{ a(x: [[{ y: 1 }]]) }', 4, 1000), true);
    assert.equal(nestsDeeperThan('{ a { b } c { d } e { f } }', 2, 1000), false);
  });

  it('counts nothing in strings, block strings and comments', () => {
    assert.equal(nestsDeeperThan(`{ a(x: "${'{'.repeat(50)}", y: """${'['.repeat(50)}""") # ${'('.repeat(50)}\n}`, 3, 1000), false);
  });

  it('counts 10,000 levels without exhausting the stack, and leaves syntax errors to the parser', () => {
    assert.equal(nestsDeeperThan(nested(10_000), 256, 50_000), true);
    assert.equal(nestsDeeperThan('{ a(x: "unterminated [[[[[) }', 3, 1000), false);
  });

  it('stops at the token limit', () => {
    assert.equal(nestsDeeperThan(`{ ${'a '.repeat(100)} ${nested(10)} }`, 5, 50), false);
  });
});
