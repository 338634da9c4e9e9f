import type { Channel, WidgetConfig } from '@helpstack/contracts';
import { Button, ColorInput, Grid, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { languageOptions } from '../../../lib/languages.ts';
import { useUpdateWidgetConfig } from '../api/update-widget-config.ts';
import { WidgetPreview } from './widget-preview.tsx';

const SWATCHES = ['#2563eb', '#4263eb', '#7c3aed', '#db2777', '#dc2626', '#ea580c', '#16a34a', '#0f766e', '#1f2937'];
const fieldNames = ['color', 'position', 'greeting', 'launcherText', 'language'] as const;

/** The WEBSITE_CHAT widget's look, with a live preview beside the form. */
export function WidgetAppearanceEditor({ channel, config, readOnly }: { channel: Channel; config: WidgetConfig; readOnly: boolean }) {
  const [draft, setDraft] = useState({ color: config.color, position: config.position, greeting: config.greeting, launcherText: config.launcherText, language: config.language });
  const update = useUpdateWidgetConfig();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = getFormErrors(update.error, fieldNames);
  useFocusOnError(formRef, update.error);
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const dirty = (Object.keys(draft) as (keyof typeof draft)[]).some((k) => draft[k] !== config[k]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { channelId: channel.id, body: draft },
      { onSuccess: () => notifications.show({ color: 'teal', message: 'Widget appearance saved — live on your site within minutes' }) },
    );
  };

  return (
    <Paper withBorder radius="lg" p="lg" aria-labelledby="appearance-title" component="section">
      <Title order={2} size="h4" id="appearance-title" mb="md">
        Widget appearance
      </Title>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <form ref={formRef} onSubmit={submit} noValidate>
            <Stack gap="sm">
              <FormAlert message={errors.message} />
              <ColorInput
                label="Brand colour"
                value={draft.color}
                onChange={(v) => set('color', v)}
                swatches={SWATCHES}
                swatchesPerRow={9}
                format="hex"
                eyeDropperButtonProps={{ 'aria-label': 'Pick a colour from the screen' }}
                error={errors.fields.color?.join(' ')}
                readOnly={readOnly}
              />
              <div>
                <Text size="sm" fw={500} mb={4} id="position-label">
                  Position
                </Text>
                <SegmentedControl
                  aria-labelledby="position-label"
                  value={draft.position}
                  onChange={(v) => set('position', v as WidgetConfig['position'])}
                  data={[
                    { value: 'left', label: 'Bottom left' },
                    { value: 'right', label: 'Bottom right' },
                  ]}
                  disabled={readOnly}
                />
              </div>
              <TextInput label="Launcher text" value={draft.launcherText} maxLength={40} onChange={(e) => set('launcherText', e.currentTarget.value)} error={errors.fields.launcherText?.join(' ')} readOnly={readOnly} />
              <Textarea label="Greeting" autosize minRows={2} maxLength={280} value={draft.greeting} onChange={(e) => set('greeting', e.currentTarget.value)} error={errors.fields.greeting?.join(' ')} readOnly={readOnly} />
              <Select
                label="Widget language"
                data={languageOptions(draft.language)}
                value={draft.language}
                onChange={(v) => v && set('language', v)}
                searchable
                allowDeselect={false}
                error={errors.fields.language?.join(' ')}
                readOnly={readOnly}
              />
              {!readOnly && (
                <Group justify="flex-end" gap="xs">
                  <Button variant="default" disabled={!dirty} onClick={() => setDraft({ color: config.color, position: config.position, greeting: config.greeting, launcherText: config.launcherText, language: config.language })}>
                    Reset
                  </Button>
                  <Button type="submit" loading={update.isPending} disabled={!dirty}>
                    Save appearance
                  </Button>
                </Group>
              )}
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <WidgetPreview config={draft} channelName={channel.name} />
        </Grid.Col>
      </Grid>
    </Paper>
  );
}
