/**
 * ISO 8601 durations (the Phenopacket Age.iso8601duration field) to and from fractional years.
 * Ages are compared on one axis, so months and days are folded in at their calendar averages.
 */

const DAYS_PER_YEAR = 365.25;
const NUM = '(\\d+(?:[.,]\\d+)?)';
// Weeks may be mixed with other units: ISO 8601-1 forbids it but ISO 8601-2 and real exports allow it.
const DURATION_RE = new RegExp(
  `^P(?:${NUM}Y)?(?:${NUM}M)?(?:${NUM}W)?(?:${NUM}D)?(?:T(?:${NUM}H)?(?:${NUM}M)?(?:${NUM}S)?)?$`,
);

const num = (s: string | undefined): number => (s === undefined ? 0 : Number(s.replace(',', '.')));

/** Years in an ISO 8601 duration such as P1Y6M, P3W, P10D or P2Y3M10D; undefined if malformed. */
export function durationToYears(text: string): number | undefined {
  const m = DURATION_RE.exec(text);
  // "P" and "P1YT" match the pattern but name no amount of time.
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, y, mo, w, d, h, mi, s] = m;
  const days = num(w) * 7 + num(d) + (num(h) + (num(mi) + num(s) / 60) / 60) / 24;
  return num(y) + num(mo) / 12 + days / DAYS_PER_YEAR;
}

/**
 * The inverse of durationToYears, to the nearest day. Of the spellings that read back as the
 * same age (P1Y8M or P20M, P245D or P8M1D), the calendar one is preferred unless it is off, so
 * an age read from a file is written back as an equal age, not merely a close one.
 */
export function yearsToDuration(years: number): string {
  if (!Number.isFinite(years) || years < 0) throw new RangeError(`Not an age in years: ${years}`);
  // The epsilon absorbs float error so 0.25 years (3 months) is not read as 2 months and 30 days.
  const eps = 1e-9;
  const y = Math.floor(years + eps);
  const monthsLeft = Math.max(0, (years - y) * 12);
  const mo = Math.floor(monthsLeft + eps);
  const d = Math.round(Math.max(0, (monthsLeft - mo) / 12) * DAYS_PER_YEAR);
  const calendar = `P${`${y ? `${y}Y` : ''}${mo ? `${mo}M` : ''}${d ? `${d}D` : ''}` || '0D'}`;
  const candidates = [
    calendar,
    `P${y}Y${Math.round((years - y) * DAYS_PER_YEAR)}D`,
    `P${Math.round(years * DAYS_PER_YEAR)}D`,
  ];
  return candidates.find((c) => Math.abs((durationToYears(c) ?? -1) - years) < eps) ?? calendar;
}
