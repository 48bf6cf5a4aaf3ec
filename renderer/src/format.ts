const SEX: Record<string, string> = {
  FEMALE: 'Female',
  MALE: 'Male',
  OTHER_SEX: 'Other',
  UNKNOWN_SEX: 'Unknown',
};

export const sexLabel = (s: string | undefined): string => (s ? (SEX[s] ?? s) : 'Sex not given');

export function formatDate(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleString('en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function formatBytes(n: number): string {
  return n < 1024
    ? `${n} bytes`
    : n < 1024 * 1024
      ? `${(n / 1024).toFixed(0)} kB`
      : `${(n / 1024 / 1024).toFixed(1)} MB`;
}
