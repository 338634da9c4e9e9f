import type { AgentTool } from '@helpstack/contracts';
import { Button, Code, Group, Modal, NumberInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { messageOf } from '../../../lib/form-errors.ts';
import { useTestAgentTool } from '../api/test-agent-tool.ts';
import { propertiesOf } from './parameters-schema.ts';
import { ToolStatusBadge } from './tool-status-badge.tsx';

type Value = string | number | boolean;

/** Arguments filled from the tool's schema; one real call; its status, HTTP status, time and response. */
export function AgentToolTestConsole({ tool, onClose }: { tool: AgentTool | null; onClose: () => void }) {
  const props = useMemo(() => (tool ? propertiesOf(tool.parameters) : []), [tool]);
  const [values, setValues] = useState<Record<string, Value>>({});
  const test = useTestAgentTool();
  useEffect(() => {
    setValues({});
    test.reset();
  }, [tool]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!tool) return;
    const args = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
    test.mutate({ id: tool.id, args });
  };
  const set = (name: string, v: Value) => setValues((all) => ({ ...all, [name]: v }));
  const log = test.data;

  return (
    <Modal opened={tool !== null} onClose={onClose} title={`Test ${tool?.name ?? ''}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Makes one real {tool?.method} request to the tool, exactly as the AI would; it is logged.
          </Text>
          {props.length === 0 && <Text size="sm">This tool takes no arguments.</Text>}
          {props.map((p) =>
            p.type === 'boolean' ? (
              <Switch key={p.name} label={p.name} description={p.description} checked={values[p.name] === true} onChange={(e) => set(p.name, e.currentTarget.checked)} />
            ) : p.type === 'number' || p.type === 'integer' ? (
              <NumberInput key={p.name} label={p.name} description={p.description} required={p.required} allowDecimal={p.type === 'number'} value={values[p.name] as number | undefined} onChange={(v) => set(p.name, typeof v === 'number' ? v : '')} />
            ) : (
              <TextInput key={p.name} label={p.name} description={p.description} required={p.required} value={(values[p.name] as string | undefined) ?? ''} onChange={(e) => set(p.name, e.currentTarget.value)} />
            ),
          )}
          <FormAlert message={test.error ? messageOf(test.error) : null} />
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconPlayerPlay size={16} />} loading={test.isPending}>
              Run
            </Button>
          </Group>
          {log && (
            <Stack gap={6} aria-live="polite">
              <Group gap="sm">
                <ToolStatusBadge status={log.status} httpStatus={log.httpStatus} />
                <Text size="sm" c="dimmed">
                  {log.durationMs} ms
                </Text>
              </Group>
              {log.error && (
                <Text size="sm" c="red">
                  {log.error}
                </Text>
              )}
              {log.responsePreview && (
                <Code block style={{ maxHeight: 280, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                  {log.responsePreview}
                </Code>
              )}
            </Stack>
          )}
        </Stack>
      </form>
    </Modal>
  );
}
