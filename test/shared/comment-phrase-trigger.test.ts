import { describe, expect, it } from 'vitest';

import { typedPhraseTrigger } from '../../src-shared/domain/comment-phrases';

/** The `/` list opens on a `/` the edit put there, never on one the caret merely comes back to. */
describe('typedPhraseTrigger', () => {
  it.each([
    ['typed at the start', '', '/', 1, { slashAt: 0, query: '' }],
    ['typed after a space', 'a ', 'a /', 3, { slashAt: 2, query: '' }],
    ['pasted with its query', 'a ', 'a /核对', 5, { slashAt: 2, query: '核对' }],
    ['typed before a `/` already there', 'a /x', 'a //x', 3, { slashAt: 2, query: '' }],
    ['typed in the middle', '请 。', '请 /。', 3, { slashAt: 2, query: '' }],
  ])('opens for a / %s', (_, previous, text, caret, trigger) => {
    expect(typedPhraseTrigger(previous, text, caret)).toEqual(trigger);
  });

  it.each([
    ['typing on after a / already there', 'a /', 'a /x', 4],
    ['deleting after a / already there', 'a /xy', 'a /x', 4],
    ['a / inside a word', '1', '1/', 2],
  ])('opens nothing for %s', (_, previous, text, caret) => {
    expect(typedPhraseTrigger(previous, text, caret)).toBeNull();
  });
});
