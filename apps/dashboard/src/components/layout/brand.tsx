import { Group, Text } from '@mantine/core';

export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <span className="brand-mark" style={{ width: size, height: size, fontSize: size * 0.5 }} aria-hidden="true">
      H
    </span>
  );
}

export function Brand() {
  return (
    <Group gap={10} wrap="nowrap">
      <BrandMark />
      <Text fw={700} size="lg">
        HelpStack
      </Text>
    </Group>
  );
}
