import { describe, expect, it } from 'vitest';
import { parseExpectation } from '../../engine/expectations/parse-expectation.js';
import { evaluateExpectation, lengthTest } from '../../engine/expectations/evaluate-expectation.js';
import { compileJsonata } from '../../engine/jsonata/guarded-jsonata.js';
import { AssayError } from '../../engine/errors/assay-error.js';

const aliases = ['Bad', 'Count'];
const holds = (text: string, data: Record<string, unknown>) => evaluateExpectation(parseExpectation(text, aliases), data);

describe('simple expectations', () => {
  it('eq [] passes only on an empty list', async () => {
    expect(await holds('Bad eq []', { Bad: [] })).toBe(true);
    expect(await holds('Bad eq []', { Bad: [{ id: 'x' }] })).toBe(false);
  });
  it('eq / ne take any JSON literal and compare structurally', async () => {
    expect(await holds('Bad eq [{"id":"x"}]', { Bad: [{ id: 'x' }] })).toBe(true);
    expect(await holds('Bad ne []', { Bad: [{ id: 'x' }] })).toBe(true);
    expect(await holds('Bad ne []', { Bad: [] })).toBe(false);
    expect(await holds('Count eq 3', { Count: 3 })).toBe(true);
  });
  it('lt / lte / gt / gte compare numbers, and lists by length', async () => {
    expect(await holds('Bad lt 2', { Bad: [1] })).toBe(true);
    expect(await holds('Bad lte 0', { Bad: [1] })).toBe(false);
    expect(await holds('Count gt 2', { Count: 3 })).toBe(true);
    expect(await holds('Count gte 4', { Count: 3 })).toBe(false);
  });
  it('empty / notEmpty', async () => {
    expect(await holds('Bad empty', { Bad: [] })).toBe(true);
    expect(await holds('Bad empty', { Bad: null })).toBe(true);
    expect(await holds('Bad notEmpty', { Bad: [] })).toBe(false);
    expect(await holds('Bad notEmpty', { Bad: [{}] })).toBe(true);
  });
  it('length with and without a comparison', async () => {
    expect(await holds('Bad length 2', { Bad: [1, 2] })).toBe(true);
    expect(await holds('Bad length lte 1', { Bad: [1, 2] })).toBe(false);
    expect(await holds('Bad length gt 1', { Bad: [1, 2] })).toBe(true);
  });
  it('comparing a non-number is an evaluation error, not a pass', async () => {
    await expect(holds('Bad lt 1', { Bad: 'text' })).rejects.toThrow(AssayError);
  });
});

describe('an expectation as a test of a list length (what streamed checks evaluate)', () => {
  const forms = ['Bad eq []', 'Bad ne []', 'Bad empty', 'Bad notEmpty', 'Bad length 2', 'Bad length lte 1', 'Bad lt 2', 'Bad gte 3', 'Bad gt 0'];
  it.each(forms)('%s: true for a length exactly when it holds over a list of that length', async (text) => {
    const test = lengthTest(parseExpectation(text, aliases), 'Bad');
    expect(test).toBeDefined();
    for (let n = 0; n <= 4; n++) {
      const list = Array.from({ length: n }, (_, i) => ({ id: `a${i}` }));
      expect(test!(n), `${text} over ${n} items`).toBe(await holds(text, { Bad: list }));
    }
  });
  it('none where the items matter or another alias is read', () => {
    expect(lengthTest(parseExpectation('Bad eq [{"id":"x"}]', aliases), 'Bad')).toBeUndefined();
    expect(lengthTest(parseExpectation('Bad eq 0', aliases), 'Bad')).toBeUndefined();
    expect(lengthTest(parseExpectation('Count eq []', aliases), 'Bad')).toBeUndefined();
    const expression = compileJsonata('$count(Bad) = 0');
    expect(lengthTest({ kind: 'jsonata', expression, text: '$count(Bad) = 0' }, 'Bad')).toBeUndefined();
  });
});

describe('JSONata expectations', () => {
  it('return booleans over all aliases', async () => {
    const expression = compileJsonata('$count(Bad) = 0 and Count < 5');
    expect(await evaluateExpectation({ kind: 'jsonata', expression, text: '' }, { Bad: [], Count: 1 })).toBe(true);
    expect(await evaluateExpectation({ kind: 'jsonata', expression, text: '' }, { Bad: [1], Count: 1 })).toBe(false);
  });
  it('a non-boolean result is an error', async () => {
    const expression = compileJsonata('Count');
    await expect(evaluateExpectation({ kind: 'jsonata', expression, text: '' }, { Count: 1 })).rejects.toThrow(/must return true or false/);
  });
  it('a syntax error carries its column', () => {
    try {
      compileJsonata('$count(Bad) = = 0');
      expect.unreachable();
    } catch (error) {
      expect((error as AssayError).code).toBe('JSONATA_INVALID');
      expect((error as AssayError).column).toBeGreaterThan(1);
    }
  });
});

describe('parse errors', () => {
  const parseError = (text: string) => {
    try {
      parseExpectation(text, aliases);
    } catch (error) {
      return error as AssayError;
    }
    throw new Error('expected a parse error');
  };
  it('unknown alias, with a suggestion and the column', () => {
    const error = parseError('bda eq []');
    expect(error.message).toMatch(/Unknown alias "bda"/);
    expect(error.suggestions).toEqual(['Bad']);
    expect(error.column).toBe(1);
  });
  it('unknown operator, with a suggestion', () => {
    const error = parseError('Bad equals []');
    expect(error.message).toMatch(/Unknown operator "equals"/);
    expect(error.column).toBe(5);
  });
  it('a bad operand points at the operand', () => {
    const error = parseError('Bad eq [oops');
    expect(error.message).toMatch(/not a JSON value/);
    expect(error.column).toBe(8);
  });
  it('missing operand, extra operand, bad length', () => {
    expect(parseError('Bad eq').message).toMatch(/needs an operand/);
    expect(parseError('Bad empty []').message).toMatch(/takes no operand/);
    expect(parseError('Bad length -1').message).toMatch(/whole number/);
    expect(parseError('Bad lt "a"').message).toMatch(/compares numbers/);
  });
});
