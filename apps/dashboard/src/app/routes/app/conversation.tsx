import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { PageLoader } from '../../../components/ui/page-loader.tsx';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useChannels } from '../../../features/channels/api/get-channels.ts';
import { useConversation } from '../../../features/conversations/api/get-conversation.ts';
import { conversationKeys } from '../../../features/conversations/api/keys.ts';
import { ConversationDetails } from '../../../features/conversations/components/conversation-details.tsx';
import { ConversationView } from '../../../features/conversations/components/conversation-view.tsx';
import { CustomerPanel } from '../../../features/customers/components/customer-panel.tsx';
import { useMembers } from '../../../features/members/api/get-members.ts';
import { useOrganization } from '../../../features/organization/api/get-organization.ts';
import { useInboxNavigation } from './inbox-navigation.ts';

const route = getRouteApi('/_app/inbox/$conversationId');

export function ConversationRoute() {
  const { conversationId } = route.useParams();
  const queryClient = useQueryClient();
  const conversation = useConversation(conversationId, queryClient);
  const channels = useChannels();
  const members = useMembers();
  const organization = useOrganization();
  // Wide screens dock the details panel; a 1024-px laptop opens it on demand.
  const wide = useMediaQuery('(min-width: 1360px)', true, { getInitialValueInEffect: false });
  const [panelOpen, setPanelOpen] = useState(false);
  const inboxNavigation = useInboxNavigation();

  if (conversation.isPending) return <PageLoader label="Loading conversation" />;
  if (conversation.isError) {
    if (conversation.error instanceof ApiError && conversation.error.status === 404) {
      return (
        <Center h="100%" p="xl">
          <Stack align="center" gap="xs" ta="center">
            <Title order={2} size="h4">
              Conversation not found
            </Title>
            <Text c="dimmed" size="sm">
              It may have been deleted, or it belongs to another workspace.
            </Text>
            <Button component={Link} to="/inbox" variant="default" size="xs">
              Back to the inbox
            </Button>
          </Stack>
        </Center>
      );
    }
    return (
      <div style={{ padding: 24 }}>
        <QueryError error={conversation.error} onRetry={() => void conversation.refetch()} title="Could not load the conversation" />
      </div>
    );
  }

  const c = conversation.data;
  const channel = channels.data?.items.find((x) => x.id === c.channelId);
  const memberList = members.data?.items ?? [];
  return (
    <ConversationView
      conversation={c}
      channel={channel && { id: channel.id, name: channel.name, type: channel.type }}
      members={memberList}
      tokenBalance={organization.data?.tokenBalance}
      sidePanelMode={wide ? 'docked' : 'toggle'}
      sidePanelOpen={panelOpen}
      onToggleSidePanel={() => setPanelOpen((open) => !open)}
      onDone={inboxNavigation?.openNext}
      sidePanel={
        <Stack gap="lg">
          <section aria-labelledby="details-conversation">
            <Title order={3} size="xs" tt="uppercase" c="dimmed" mb="xs" id="details-conversation">
              Conversation
            </Title>
            <ConversationDetails conversation={c} members={memberList} channelName={channel?.name} />
          </section>
          <section aria-labelledby="details-customer">
            <Title order={3} size="xs" tt="uppercase" c="dimmed" mb="xs" id="details-customer">
              Customer
            </Title>
            <CustomerPanel
              customerId={c.customer?.id}
              currentConversationId={c.id}
              context={c.context}
              // Conversations carry the customer's name, e-mail and phone: the header and the list show the fix.
              onCustomerChanged={() => void queryClient.invalidateQueries({ queryKey: conversationKeys.all })}
            />
          </section>
        </Stack>
      }
    />
  );
}
