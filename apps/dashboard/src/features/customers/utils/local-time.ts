/** "14:32 (Europe/Berlin)": the visitor's wall-clock time, from the IANA zone their browser reported. */
export function localTimeIn(timeZone: string, now: Date, locale?: string): string | null {
  try {
    const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
    return `${time} (${timeZone})`;
  } catch {
    // A zone this browser does not know: better nothing than a wrong time.
    return null;
  }
}
