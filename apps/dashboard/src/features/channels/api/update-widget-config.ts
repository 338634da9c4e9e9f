import type { Channel, UpdateWidgetConfigBody, WidgetConfig } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { channelKeys } from './get-channels.ts';

export const updateWidgetConfig = ({ channelId, body }: { channelId: string; body: UpdateWidgetConfigBody }) =>
  api.patch<WidgetConfig>(`/api/channels/${encodeURIComponent(channelId)}/widget-config`, body);

export function useUpdateWidgetConfig() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateWidgetConfig,
    onSuccess: (widgetConfig, { channelId }) => {
      queryClient.setQueryData<Channel>(channelKeys.detail(channelId), (old) => (old ? { ...old, widgetConfig } : old));
      return queryClient.invalidateQueries({ queryKey: channelKeys.list() });
    },
  });
}
