import type { WidgetScript } from '@helpstack/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { channelKeys } from './get-channels.ts';

export const getWidgetScript = (channelId: string, signal?: AbortSignal) =>
  api.get<WidgetScript>(`/api/channels/${encodeURIComponent(channelId)}/widget-script`, { signal });

export const getWidgetScriptQueryOptions = (channelId: string) =>
  queryOptions({ queryKey: channelKeys.script(channelId), queryFn: ({ signal }) => getWidgetScript(channelId, signal), staleTime: Infinity });

export const useWidgetScript = (channelId: string, enabled: boolean) => useQuery({ ...getWidgetScriptQueryOptions(channelId), enabled });
