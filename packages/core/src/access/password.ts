/**
 * Password policy: at least 12 characters, at most 128, not a commonly used
 * password, and not the account's email address.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** A short list of the commonest passwords of 12+ characters; a full breached-password check is future work. */
const COMMON = new Set([
  "123456789012",
  "1234567890123",
  "password1234",
  "password12345",
  "passwordpassword",
  "qwertyuiopas",
  "qwerty123456",
  "iloveyou1234",
  "aaaaaaaaaaaa",
  "abcdefghijkl",
  "abc123456789",
  "letmein12345",
  "welcome12345",
  "changeme1234",
  "administrator",
  "football1234",
  "111111111111",
  "000000000000",
]);

/**
 * What is wrong with a new password in plain words (too short or long, too common, one repeated character,
 * the email address), or null when it is acceptable.
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN) return `use at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `use at most ${PASSWORD_MAX} characters`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return "this password is too common";
  if (/^(.)\1+$/.test(password)) return "this password is too simple";
  if (email && lower === email.toLowerCase()) return "do not use your email address as your password";
  return null;
}
