import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Brand } from './brand.tsx';

/** The signed-out pages: brand, one focused card, nothing else. */
export function AuthLayout({ title, lead, children, footer }: { title: string; lead?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="auth-page">
      <header className="auth-brand">
        <Brand />
      </header>
      <main className="auth-main">
        <Paper withBorder shadow="sm" radius="lg" p="xl" component="section" aria-labelledby="auth-title">
          <Stack gap="lg">
            <div>
              <Title order={1} size="h2" id="auth-title">
                {title}
              </Title>
              {lead && (
                <Text c="dimmed" mt={4}>
                  {lead}
                </Text>
              )}
            </div>
            {children}
          </Stack>
        </Paper>
        {footer && (
          <Text ta="center" size="sm" c="dimmed" mt="lg">
            {footer}
          </Text>
        )}
      </main>
    </div>
  );
}
