import { BadUserInputError } from '@common-ground/shared/graphql';
import { requireVisibleName, visibleName } from './visible-name';

describe('visibleName', () => {
  it.each([
    ['\u200BA\u200Cn\u200Dn\u2060', 'Ann'],
    ['\u202AL\u202BR\u202CE\u202DO\u202E', 'LREO'],
    ['\u2066a\u2067b\u2068c\u2069', 'abc'],
    ['\u200E\u200F\u061CName', 'Name'],
    ['\uFEFFso\u00ADft', 'soft'],
    ['\u3164 Real \u115F\u1160 Name \uFFA0', 'Real Name'],
    ['  two \t\n words  ', 'two words'],
    ['e\u0301', '\u00E9'],
    ['Zoë Łukasz 李小龍 محمد', 'Zoë Łukasz 李小龍 محمد'],
  ])('cleans %j to %j', (raw, clean) => {
    expect(visibleName(raw)).toBe(clean);
  });

  it('refuses a name with nothing visible, naming the field', () => {
    for (const raw of ['', '   ', '\u200B\u202E', '\u3164', '\u0301\u0300', '\u2800']) {
      let error: unknown;
      try {
        requireVisibleName(raw, 'input.displayName');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BadUserInputError);
      expect((error as BadUserInputError).fields).toEqual([{ field: 'input.displayName', message: 'must contain visible characters' }]);
    }
    expect(requireVisibleName(' \u200BOK ', 'input.name')).toBe('OK');
  });
});
