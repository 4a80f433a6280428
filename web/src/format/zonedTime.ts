// Calendar dates in a workspace's time zone, turned into instants for the API: "from 1 March"
// in Hà Nội starts at 2026-02-28T17:00:00Z.

// The zone's offset from UTC, in milliseconds, at `instant`.
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(text);
}

// The instant midnight starts on `date` (YYYY-MM-DD) in `timeZone`, `addDays` later, as an
// RFC 3339 string. Requires: isCalendarDate(date).
export function startOfDay(date: string, timeZone: string, addDays = 0): string {
  const [year, month, day] = date.split('-').map(Number);
  const wallMidnight = Date.UTC(year, month - 1, day + addDays);
  let instant = wallMidnight - offsetAt(wallMidnight, timeZone);
  // Around a DST change the offset at the guess may differ from the offset at the answer.
  instant = wallMidnight - offsetAt(instant, timeZone);
  return new Date(instant).toISOString();
}

