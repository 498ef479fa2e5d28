import { isDeadLetterSlice, isReplayRequest } from './dead-letter-call-guard';

// What a module's message controller accepts as a dead-letter request from another process; the rest is refused
// before it reaches the database.
describe('dead-letter requests from the wire', () => {
  const position = { createdAt: '2026-11-30T10:00:00.000Z', id: '5f0c6a57-1d0e-4d43-9a55-2f3b7f0c9c11' };

  it.each([
    ['a limit alone', { limit: 1 }],
    ['the largest slice (a page and one more)', { limit: 101 }],
    ['a position as a cursor holds it', { limit: 21, before: position }],
  ])('accepts %s', (_case, slice) => {
    expect(isDeadLetterSlice(slice)).toBe(true);
  });

  it.each([
    ['no limit', {}],
    ['a limit of 0', { limit: 0 }],
    ['a limit past the largest slice', { limit: 102 }],
    ['a fractional limit', { limit: 1.5 }],
    ['a limit as a string', { limit: '5' }],
    ['an instant that is not toISOString', { limit: 5, before: { ...position, createdAt: '2026-11-30 10:00' } }],
    ['an id that is not a uuid', { limit: 5, before: { ...position, id: "1' OR 1=1" } }],
    ['a position of null', { limit: 5, before: null }],
    ['a string', 'hello'],
    ['null', null],
  ])('refuses %s', (_case, slice) => {
    expect(isDeadLetterSlice(slice)).toBe(false);
  });

  it('takes a replay of a uuid only', () => {
    expect(isReplayRequest({ id: position.id })).toBe(true);
    for (const request of [{ id: 'x' }, { id: 42 }, {}, null, 'id']) expect(isReplayRequest(request)).toBe(false);
  });
});
