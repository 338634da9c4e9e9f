import type { AgentToolLogStatus } from '@helpstack/contracts';
import { Badge } from '@mantine/core';

const COLORS: Record<AgentToolLogStatus, string> = { SUCCESS: 'teal', ERROR: 'red', BLOCKED: 'orange', TIMEOUT: 'yellow' };

export function ToolStatusBadge({ status, httpStatus }: { status: AgentToolLogStatus; httpStatus?: number | null }) {
  return (
    <Badge color={COLORS[status]} variant="light">
      {status}
      {httpStatus ? ` · ${httpStatus}` : ''}
    </Badge>
  );
}
