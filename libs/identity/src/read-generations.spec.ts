import { ReadGenerations } from './read-generations';

describe('ReadGenerations', () => {
  it('lets a read store what it read when nothing was dropped meanwhile', () => {
    const generations = new ReadGenerations();
    const read = generations.begin('u1');
    generations.drop('u2');
    expect(generations.mayStore(read)).toBe(true);
    generations.end(read);
    expect(generations.reading).toBe(0);
  });

  it('refuses a read begun before its key was dropped, and only that key', () => {
    const generations = new ReadGenerations();
    const stale = generations.begin('u1');
    const other = generations.begin('u2');
    generations.drop('u1');
    expect(generations.mayStore(stale)).toBe(false);
    expect(generations.mayStore(other)).toBe(true);
    // A read begun after the drop reads the change: it may store.
    const fresh = generations.begin('u1');
    expect(generations.mayStore(fresh)).toBe(true);
    expect(generations.mayStore(stale)).toBe(false);
    for (const ticket of [stale, other, fresh]) generations.end(ticket);
    expect(generations.reading).toBe(0);
  });

  it('refuses every read begun before everything was dropped', () => {
    const generations = new ReadGenerations();
    const [a, b] = [generations.begin('u1'), generations.begin('u2')];
    generations.dropAll();
    expect([generations.mayStore(a), generations.mayStore(b)]).toEqual([false, false]);
    const after = generations.begin('u1');
    expect(generations.mayStore(after)).toBe(true);
  });

  it('forgets a key once its last read ended, so a later drop of it costs nothing', () => {
    const generations = new ReadGenerations();
    const first = generations.begin('u1');
    const second = generations.begin('u1');
    generations.end(first);
    generations.drop('u1');
    expect(generations.mayStore(second)).toBe(false);
    generations.end(second);
    expect(generations.reading).toBe(0);
    generations.drop('u1');
    expect(generations.reading).toBe(0);
  });
});
