import { Transform } from 'class-transformer';

// C0 and C1 control characters other than tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Strips control characters, normalises line endings and trims. */
export function cleanText(value: string, options: { singleLine?: boolean } = {}): string {
  const cleaned = value.normalize('NFC').replace(CONTROL, '').replace(/\r\n?/g, '\n');
  return (options.singleLine ? cleaned.replace(/\s+/g, ' ') : cleaned).trim();
}

/** Input decorator: cleans a string before it is validated. */
export const CleanText = (options: { singleLine?: boolean } = {}) => Transform(({ value }) => (typeof value === 'string' ? cleanText(value, options) : value));
