import type { VisitorContext } from '@helpstack/contracts';
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { IconBrowser, IconClock, IconExternalLink, IconLanguage, IconLink } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { localTimeIn } from '../utils/local-time.ts';

/** Where a widget visitor wrote from (CONTRACT §12), and what time it is for them now. */
export function VisitorContextCard({ context }: { context: VisitorContext | null }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (!context || Object.keys(context).length === 0) return null;
  const local = context.timeZone ? localTimeIn(context.timeZone, now) : null;
  return (
    <Stack gap={6} data-testid="visitor-context">
      {local && (
        <Row icon={<IconClock size={14} aria-hidden="true" />} label="Local time">
          <Text size="sm">{local}</Text>
        </Row>
      )}
      {context.pageUrl && (
        <Row icon={<IconLink size={14} aria-hidden="true" />} label="Page">
          <Anchor href={context.pageUrl} target="_blank" rel="noopener noreferrer nofollow" size="sm" truncate title={context.pageUrl}>
            {context.pageUrl.replace(/^https?:\/\//, '')}
          </Anchor>
        </Row>
      )}
      {context.referrer && (
        <Row icon={<IconExternalLink size={14} aria-hidden="true" />} label="Came from">
          <Text size="sm" truncate title={context.referrer}>
            {hostOf(context.referrer)}
          </Text>
        </Row>
      )}
      {context.browser && (
        <Row icon={<IconBrowser size={14} aria-hidden="true" />} label="Browser">
          <Text size="sm">{context.browser}</Text>
        </Row>
      )}
      {context.locale && (
        <Row icon={<IconLanguage size={14} aria-hidden="true" />} label="Locale">
          <Text size="sm">{context.locale}</Text>
        </Row>
      )}
    </Stack>
  );
}

function Row({ icon, label, children }: { icon: React.ReactNode; label: string; children: React.ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" title={label}>
      {icon}
      <span className="visually-hidden">{label}: </span>
      {children}
    </Group>
  );
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};
