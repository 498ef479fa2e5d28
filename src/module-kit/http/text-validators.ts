import { buildMessage, isEmail, Matches, ValidateBy, ValidationOptions } from 'class-validator';

// Code units, not code points: no U+0000, and a surrogate only as the first half of a pair followed by its second.
const STORABLE_TEXT = /^(?:[^\u0000\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;

/**
 * Text that PostgreSQL can store: `text` refuses U+0000, and `jsonb` (the outbox, the order items) refuses
 * U+0000 and lone surrogates, which JSON.stringify writes as `\ud800` escapes. Refused as a 400 here rather
 * than failing as a 500 in the database.
 */
export const IsStorableText = (options?: ValidationOptions) =>
  Matches(STORABLE_TEXT, { message: '$property must be well-formed text without NUL characters', ...options });

/**
 * class-validator's IsEmail, made safe: validator.js throws (URIError) on a lone surrogate instead of
 * answering false, which would turn a bad email into a 500.
 */
export const IsEmailAddress = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isEmail',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && STORABLE_TEXT.test(value) && isEmail(value),
        defaultMessage: buildMessage((eachPrefix) => `${eachPrefix}$property must be an email`, options),
      },
    },
    options,
  );

/** At least one character that is not white space: names are trimmed before they are stored. */
export const IsNotBlank = (options?: ValidationOptions) => Matches(/\S/, { message: '$property must not be blank', ...options });
