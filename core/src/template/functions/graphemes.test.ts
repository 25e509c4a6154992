// biome-ignore-all lint/suspicious/noControlCharactersInRegex: the ASCII range
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { graphemeClusters, graphemeCount } from './graphemes.js';

/** What ICU's segmenter says, the reference for every text. */
const reference = (text: string) =>
  Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment);

describe('graphemes', () => {
  const pieces = [
    'a',
    'Z',
    ' ',
    '\r',
    '\n',
    '\r\n',
    '\t',
    '\x00',
    '\x7f',
    'é',
    'e\u0301',
    '🇫🇷',
    '👩‍👩‍👧',
    '한',
    '\u200d',
    '\ud800',
  ];

  it('agrees with ICU on fixed texts', () => {
    for (const text of ['', 'abc', 'a\r\nb', '\r\r\n\n', '\n\r', 'e\u0301\r\n', '👩‍👩‍👧 x', 'abc\r']) {
      assert.deepEqual(graphemeClusters(text), reference(text), JSON.stringify(text));
      assert.equal(graphemeCount(text), reference(text).length, JSON.stringify(text));
    }
  });

  it('agrees with ICU on random texts, ASCII and not', () => {
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    for (let n = 0; n < 2000; n++) {
      const ascii = n % 2 === 0;
      let text = '';
      const len = next() % 12;
      for (let i = 0; i < len; i++) {
        const p = pieces[next() % pieces.length]!;
        if (ascii && /[^\x00-\x7f]/.test(p)) continue;
        text += p;
      }
      assert.deepEqual(graphemeClusters(text), reference(text), JSON.stringify(text));
      assert.equal(graphemeCount(text), reference(text).length, JSON.stringify(text));
    }
  });
});
