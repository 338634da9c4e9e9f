import { useNow } from '../../hooks/use-now.ts';
import { fullDateTime, shortAge } from '../../lib/relative-time.ts';

export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const now = useNow();
  return (
    <time dateTime={iso} title={fullDateTime(iso)} className={className}>
      {shortAge(iso, now)}
    </time>
  );
}
