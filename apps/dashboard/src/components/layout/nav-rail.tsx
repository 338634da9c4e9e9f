import { ActionIcon, Badge, Menu, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import {
  IconBell,
  IconBuilding,
  IconHelpCircle,
  IconInbox,
  IconKeyboard,
  IconLogout,
  IconMessageBolt,
  IconMessageQuestion,
  IconPlugConnected,
  IconSparkles,
  IconTag,
  IconTool,
  IconUsers,
  IconWebhook,
} from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import type { ComponentType, ReactNode } from 'react';
import type { ConnectionState } from '../../lib/realtime-connection.ts';
import type { Viewer } from '../../lib/viewer.tsx';
import { InitialsAvatar } from '../ui/initials-avatar.tsx';
import { BrandMark } from './brand.tsx';
import { ConnectionStatus } from './connection-status.tsx';

type Item = { to: '/inbox' | '/settings/channels' | '/settings/faqs' | '/settings/saved-replies' | '/settings/tags' | '/settings/ai-providers' | '/settings/agent-tools' | '/settings/notifications' | '/settings/integrations' | '/settings/team' | '/settings/organization'; label: string; icon: ComponentType<{ size?: number; stroke?: number }> };

/** The app's pages (the rail's links; the command palette offers them too). */
export const NAV_ITEMS: readonly Item[] = [
  { to: '/inbox', label: 'Inbox', icon: IconInbox },
  { to: '/settings/channels', label: 'Channels', icon: IconPlugConnected },
  { to: '/settings/faqs', label: 'FAQs', icon: IconMessageQuestion },
  { to: '/settings/saved-replies', label: 'Saved replies', icon: IconMessageBolt },
  { to: '/settings/tags', label: 'Tags', icon: IconTag },
  { to: '/settings/ai-providers', label: 'AI providers', icon: IconSparkles },
  { to: '/settings/agent-tools', label: 'Agent tools', icon: IconTool },
  { to: '/settings/notifications', label: 'Notifications', icon: IconBell },
  { to: '/settings/integrations', label: 'Integrations', icon: IconWebhook },
  { to: '/settings/team', label: 'Team', icon: IconUsers },
  { to: '/settings/organization', label: 'Organization', icon: IconBuilding },
];

export function NavRail({
  viewer,
  unread,
  connection,
  onHelp,
  onLogout,
  bell,
}: {
  viewer: Viewer;
  unread: number;
  connection: ConnectionState;
  onHelp: () => void;
  onLogout: () => void;
  /** The notifications bell (a feature's component, composed by the app shell). */
  bell?: ReactNode;
}) {
  return (
    <nav className="nav-rail" aria-label="Main">
      <Link to="/inbox" className="nav-rail-brand" aria-label="HelpStack inbox">
        <BrandMark size={34} />
      </Link>
      <Stack gap={6} component="ul" className="nav-rail-list">
        {NAV_ITEMS.map(({ to, label, icon: Icon }) => (
          <li key={to}>
            <Tooltip label={to === '/inbox' && unread ? `${label} (${unread} unread)` : label} position="right" withArrow>
              <Link to={to} className="nav-rail-link" activeOptions={{ includeSearch: false }}>
                <Icon size={22} stroke={1.7} aria-hidden="true" />
                <span className="visually-hidden">{label}</span>
                {to === '/inbox' && unread > 0 && (
                  <Badge size="xs" circle={unread < 10} className="nav-rail-badge">
                    {unread > 99 ? '99+' : unread}
                    <span className="visually-hidden"> unread</span>
                  </Badge>
                )}
              </Link>
            </Tooltip>
          </li>
        ))}
      </Stack>
      <Stack gap="sm" align="center" mt="auto">
        {bell}
        <ConnectionStatus state={connection} />
        <Tooltip label="Keyboard shortcuts (?)" position="right" withArrow>
          <ActionIcon variant="subtle" color="gray" size="lg" onClick={onHelp} aria-label="Keyboard shortcuts">
            <IconHelpCircle size={22} stroke={1.7} />
          </ActionIcon>
        </Tooltip>
        <Menu position="right-end" withArrow shadow="md" width={240}>
          <Menu.Target>
            <UnstyledButton className="nav-rail-avatar">
              <InitialsAvatar name={viewer.name} colorKey={viewer.userId} size={34} aria-hidden={false} />
              <span className="visually-hidden">Account menu for {viewer.name}</span>
            </UnstyledButton>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>
              <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
                {viewer.name}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {viewer.email}
              </Text>
              <Text size="xs" c="dimmed">
                {viewer.role.charAt(0) + viewer.role.slice(1).toLowerCase()} · {viewer.organizationName}
              </Text>
            </Menu.Label>
            <Menu.Divider />
            <Menu.Item leftSection={<IconKeyboard size={16} />} onClick={onHelp}>
              Keyboard shortcuts
            </Menu.Item>
            <Menu.Item leftSection={<IconLogout size={16} />} onClick={onLogout} color="red">
              Log out
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Stack>
    </nav>
  );
}
