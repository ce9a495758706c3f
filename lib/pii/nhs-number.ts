/**
 * The NHS number check digit (modulus 11): weight the first nine digits 10 down to 2, sum, and
 * subtract the remainder mod 11 from 11. A result of 11 means 0; a result of 10 means no valid
 * number has these nine digits, so `null`.
 */
export function nhsCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError("An NHS check digit needs exactly nine digits");
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** Whether ten digits (spaces and hyphens ignored) form an NHS number with a valid check digit. */
export function isValidNhsNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, "");
  if (!/^\d{10}$/.test(digits)) return false;
  return nhsCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
}
