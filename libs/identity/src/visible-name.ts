import { Transform } from 'class-transformer';
import { cleanText } from '@common-ground/shared/graphql';
import { IdentityReason, refusedField } from './identity.exception';

/**
 * Characters that show nothing, or change how the text around them shows, in a name:
 * - control and format characters (Cc, Cf): zero-width space, non-joiner and joiner, word
 *   joiner, the byte-order mark, soft hyphen, left-to-right and right-to-left marks, bidi
 *   embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), invisible operators,
 *   tag characters;
 * - blank letters and symbols: the Hangul fillers, the braille blank;
 * - the combining grapheme joiner and variation selectors, which have no glyph of their own.
 */
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class -- it lists glyphless combining marks on purpose, to remove each one
  /[\p{Cc}\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2800\u3164\uFE00-\uFE0F\uFFA0\u{E0100}-\u{E01EF}]/gu;

/** A name must show something: a letter, digit, punctuation mark or symbol. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/**
 * A display or organisation name as it is stored: invisible and bidi control characters
 * removed, runs of white space made one space, trimmed. May be empty.
 */
export function visibleName(value: string): string {
  return cleanText(value, { singleLine: true }).replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** The stored form of a name; BAD_USER_INPUT on `field` when nothing visible is left. */
export function requireVisibleName(value: string, field: string): string {
  const name = visibleName(value);
  if (!VISIBLE.test(name)) throw refusedField(field, 'must contain visible characters', IdentityReason.NAME_NOT_VISIBLE);
  return name;
}

/** Input decorator: a name field is cleaned to its visible form before it is validated. */
export const VisibleName = () => Transform(({ value }) => (typeof value === 'string' ? visibleName(value) : value));

/** For `@Matches`: the cleaned name shows at least one character. */
export const HAS_VISIBLE_CHARACTER = VISIBLE;
