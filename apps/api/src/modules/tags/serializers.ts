import type { Tag } from '@helpstack/contracts';
import type { TagRow } from './queries.ts';

export const toTag = (r: Pick<TagRow, 'id' | 'name' | 'color'>): Tag => ({ id: r.id, name: r.name, color: r.color });
