import { cleanText } from './text';

describe('cleanText', () => {
  it('strips control characters, keeps new lines and trims', () => {
    expect(cleanText('  Broken\u0000 lamp\u0007\r\non Elm St \u009b ')).toBe('Broken lamp\non Elm St');
  });

  it('folds white space for single-line fields', () => {
    expect(cleanText(' Ann \n\t Lee ', { singleLine: true })).toBe('Ann Lee');
  });
});
