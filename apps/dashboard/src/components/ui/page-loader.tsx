import { Center, Loader } from '@mantine/core';

/** Full-area spinner for route chunks and first loads; announced to screen readers. */
export function PageLoader({ label = 'Loading' }: { label?: string }) {
  return (
    <Center h="100%" mih={200} role="status" aria-live="polite">
      <Loader size="sm" aria-label={label} />
    </Center>
  );
}
